#include "amqp/confirmed_sender.hpp"

#include <algorithm>

#include "amqp/amqp_error.hpp"
#include "amqp/confirm_reader.hpp"

namespace switchyard::amqp {
namespace {

// What one send() learns from the broker: the highest tag confirmed, whether a
// message came back unroutable; a nack fails the send at once.
struct Confirms final : ConfirmReader::Handler {
  explicit Confirms(std::uint64_t already) : confirmed(already) {}

  void on_confirm(std::uint64_t tag, bool multiple, bool ok) override {
    if (!ok) throw AmqpError("the broker refused a message (nack)");
    confirmed = multiple ? tag : std::max(confirmed, tag);
  }
  // Its ack follows; the send fails once everything is settled.
  void on_return(const amqp_message_t&) override { returned = true; }
  void on_delivery(const amqp_message_t&) override {}

  std::uint64_t confirmed;
  bool returned = false;
};

}  // namespace

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
    Confirms confirms(last - messages.size());
    published_ = last;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    ConfirmReader reader(*connection_, confirms);
    while (confirms.confirmed < last) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw AmqpError("no publisher confirm in time");
      reader.read_one(left);
    }
    amqp_maybe_release_buffers(connection_->raw());
    if (confirms.returned) throw AmqpError("a message was unroutable (is the topology declared?)");
  } catch (const AmqpError&) {
    connection_.reset();  // start clean next time
    throw;
  }
}

}  // namespace switchyard::amqp
