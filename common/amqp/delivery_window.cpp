#include "amqp/delivery_window.hpp"

#include <algorithm>

#include "amqp/amqp_error.hpp"

namespace switchyard::amqp {
namespace {

std::string_view view(const amqp_bytes_t& b) { return {static_cast<const char*>(b.bytes), b.len}; }

// A frame that is not a delivery arrived; only a close is worth acting on.
void handle_unexpected_frame(Connection& connection) {
  amqp_frame_t frame;
  check_status(amqp_simple_wait_frame(connection.raw(), &frame), "reading from the broker");
  if (frame.frame_type == AMQP_FRAME_METHOD &&
      (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
       frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD)) {
    throw AmqpError("the broker closed the connection");
  }
}

bool next_delivery(Connection& connection, timeval* timeout, Delivery& out) {
  amqp_maybe_release_buffers(connection.raw());
  amqp_envelope_t envelope;
  const amqp_rpc_reply_t reply = amqp_consume_message(connection.raw(), &envelope, timeout, 0);
  if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
    const auto& props = envelope.message.properties;
    out.tag = envelope.delivery_tag;
    out.routing_key = view(envelope.routing_key);
    out.body = view(envelope.message.body);
    out.reply_to = (props._flags & AMQP_BASIC_REPLY_TO_FLAG) ? view(props.reply_to) : "";
    out.correlation_id =
        (props._flags & AMQP_BASIC_CORRELATION_ID_FLAG) ? view(props.correlation_id) : "";
    out.redelivered = envelope.redelivered != 0;
    amqp_destroy_envelope(&envelope);
    return true;
  }
  if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
      reply.library_error == AMQP_STATUS_TIMEOUT) {
    return false;
  }
  if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
      reply.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
    handle_unexpected_frame(connection);
    return false;
  }
  check_reply(reply, "consuming");
  return false;
}

}  // namespace

bool receive_window(Connection& connection, std::size_t limit, std::chrono::milliseconds first_wait,
                    std::vector<Delivery>& out, std::chrono::microseconds linger) {
  using Clock = std::chrono::steady_clock;
  out.clear();
  auto to_timeval = [](std::chrono::microseconds us) {
    return timeval{static_cast<time_t>(us.count() / 1'000'000),
                   static_cast<suseconds_t>(us.count() % 1'000'000)};
  };
  timeval wait = to_timeval(first_wait);
  Delivery delivery;
  if (!next_delivery(connection, &wait, delivery)) return false;
  out.push_back(std::move(delivery));
  const auto linger_until = Clock::now() + linger;
  while (out.size() < limit) {
    const auto left =
        std::chrono::duration_cast<std::chrono::microseconds>(linger_until - Clock::now());
    timeval timeout = to_timeval(std::max(left, std::chrono::microseconds(0)));
    if (!next_delivery(connection, &timeout, delivery)) break;
    out.push_back(std::move(delivery));
  }
  return true;
}

}  // namespace switchyard::amqp
