#include "amqp/delivery_window.hpp"

#include <algorithm>

#include "amqp/amqp_error.hpp"

namespace switchyard::amqp {
namespace {

std::string_view view(const amqp_bytes_t& b) { return {static_cast<const char*>(b.bytes), b.len}; }

// The integer header `name`, whatever integer type the broker chose; 0 when absent.
std::int64_t integer_header(const amqp_basic_properties_t& props, std::string_view name) {
  if (!(props._flags & AMQP_BASIC_HEADERS_FLAG)) return 0;
  for (int i = 0; i < props.headers.num_entries; ++i) {
    const amqp_table_entry_t& entry = props.headers.entries[i];
    if (view(entry.key) != name) continue;
    switch (entry.value.kind) {
      case AMQP_FIELD_KIND_I8:
        return entry.value.value.i8;
      case AMQP_FIELD_KIND_U8:
        return entry.value.value.u8;
      case AMQP_FIELD_KIND_I16:
        return entry.value.value.i16;
      case AMQP_FIELD_KIND_U16:
        return entry.value.value.u16;
      case AMQP_FIELD_KIND_I32:
        return entry.value.value.i32;
      case AMQP_FIELD_KIND_U32:
        return entry.value.value.u32;
      case AMQP_FIELD_KIND_I64:
        return entry.value.value.i64;
      case AMQP_FIELD_KIND_U64:
        return static_cast<std::int64_t>(entry.value.value.u64);
      default:
        return 0;
    }
  }
  return 0;
}

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
    out.message_id = (props._flags & AMQP_BASIC_MESSAGE_ID_FLAG) ? view(props.message_id) : "";
    out.redelivered = envelope.redelivered != 0;
    out.delivery_count = integer_header(props, "x-delivery-count");
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
