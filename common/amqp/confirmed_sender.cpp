#include "amqp/confirmed_sender.hpp"

#include <sys/time.h>

#include "amqp/amqp_error.hpp"

namespace switchyard::amqp {

void ConfirmedSender::send(const std::vector<OutgoingMessage>& messages,
                           std::chrono::milliseconds timeout) {
  if (messages.empty()) return;
  try {
    if (!connection_) {
      connection_ = std::make_unique<Connection>(options_);
      connection_->enable_confirms();
      published_ = 0;
    }
    {
      // Uncorked (sent) before waiting for the confirms.
      const CorkedPublishes corked(*connection_, messages.size());
      for (const auto& m : messages) {
        MessageProperties props;
        props.message_id = m.message_id;
        props.delay_step = m.delay_step;
        props.attempt = m.attempt;
        props.reply_to = m.reply_to;
        props.correlation_id = m.correlation_id;
        props.set_aside_reason = m.set_aside_reason;
        connection_->publish(m.exchange, m.routing_key, m.body, props, /*mandatory=*/true);
      }
    }
    const std::uint64_t last = published_ + messages.size();
    published_ = last;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::uint64_t confirmed = last - messages.size();
    bool returned = false;
    while (confirmed < last) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw AmqpError("no publisher confirm in time");
      timeval wait{static_cast<time_t>(left.count() / 1'000'000),
                   static_cast<suseconds_t>(left.count() % 1'000'000)};
      amqp_frame_t frame;
      const int rc = amqp_simple_wait_frame_noblock(connection_->raw(), &frame, &wait);
      if (rc == AMQP_STATUS_TIMEOUT) continue;
      check_status(rc, "waiting for publisher confirms");
      if (frame.frame_type != AMQP_FRAME_METHOD) continue;
      switch (frame.payload.method.id) {
        case AMQP_BASIC_ACK_METHOD: {
          const auto* ack = static_cast<amqp_basic_ack_t*>(frame.payload.method.decoded);
          confirmed = ack->multiple ? ack->delivery_tag : std::max(confirmed, ack->delivery_tag);
          break;
        }
        case AMQP_BASIC_NACK_METHOD:
          throw AmqpError("the broker refused a message (nack)");
        case AMQP_BASIC_RETURN_METHOD: {
          amqp_message_t message;
          check_reply(amqp_read_message(connection_->raw(), frame.channel, &message, 0),
                      "reading a returned message");
          amqp_destroy_message(&message);
          returned = true;  // its ack follows; fail once everything is settled
          break;
        }
        case AMQP_CHANNEL_CLOSE_METHOD:
        case AMQP_CONNECTION_CLOSE_METHOD:
          throw AmqpError("the broker closed the connection");
        default:
          break;
      }
    }
    amqp_maybe_release_buffers(connection_->raw());
    if (returned) throw AmqpError("a message was unroutable (is the topology declared?)");
  } catch (const AmqpError&) {
    connection_.reset();  // start clean next time
    throw;
  }
}

}  // namespace switchyard::amqp
