#include "amqp/confirm_reader.hpp"

#include <sys/time.h>

#include "amqp/amqp_error.hpp"

namespace switchyard::amqp {
namespace {

// A message read after its basic.return or basic.deliver frame, released even when
// the handler throws.
class ReadMessage {
 public:
  ReadMessage(Connection& connection, amqp_channel_t channel) {
    check_reply(amqp_read_message(connection.raw(), channel, &message_, 0), "reading a message");
  }
  ~ReadMessage() { amqp_destroy_message(&message_); }
  ReadMessage(const ReadMessage&) = delete;
  ReadMessage& operator=(const ReadMessage&) = delete;

  const amqp_message_t& get() const { return message_; }

 private:
  amqp_message_t message_{};
};

}  // namespace

bool ConfirmReader::read_one(std::chrono::microseconds timeout) {
  timeval wait{static_cast<time_t>(timeout.count() / 1'000'000),
               static_cast<suseconds_t>(timeout.count() % 1'000'000)};
  amqp_frame_t frame;
  const int rc = amqp_simple_wait_frame_noblock(connection_.raw(), &frame, &wait);
  if (rc == AMQP_STATUS_TIMEOUT) return false;
  check_status(rc, "reading from the broker");
  if (frame.frame_type != AMQP_FRAME_METHOD) return true;
  switch (frame.payload.method.id) {
    case AMQP_BASIC_ACK_METHOD: {
      const auto* ack = static_cast<amqp_basic_ack_t*>(frame.payload.method.decoded);
      handler_.on_confirm(ack->delivery_tag, ack->multiple != 0, true);
      break;
    }
    case AMQP_BASIC_NACK_METHOD: {
      const auto* nack = static_cast<amqp_basic_nack_t*>(frame.payload.method.decoded);
      handler_.on_confirm(nack->delivery_tag, nack->multiple != 0, false);
      break;
    }
    case AMQP_BASIC_RETURN_METHOD:
      handler_.on_return(ReadMessage(connection_, frame.channel).get());
      break;
    case AMQP_BASIC_DELIVER_METHOD:
      handler_.on_delivery(ReadMessage(connection_, frame.channel).get());
      break;
    case AMQP_CHANNEL_CLOSE_METHOD:
    case AMQP_CONNECTION_CLOSE_METHOD:
      throw AmqpError("the broker closed the connection");
    default:
      break;
  }
  return true;
}

}  // namespace switchyard::amqp
