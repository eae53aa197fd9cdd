#pragma once
// ConfirmReader: reads what the broker sends back on a channel that publishes with
// confirms — basic.ack / basic.nack (possibly `multiple`), basic.return for a
// mandatory message no queue took, and deliveries to a consumer on the channel
// (direct reply-to) — and hands each to its Handler. TaskPublisher and
// ConfirmedSender both read their confirms through it.
// Any other method frame is skipped; a channel.close or connection.close from the
// broker, or a socket error, throws AmqpError (the connection must be dropped). Not
// thread-safe: the connection's owner thread only.
#include <amqp.h>

#include <chrono>
#include <cstdint>

#include "amqp/connection.hpp"

namespace switchyard::amqp {

class ConfirmReader {
 public:
  // Called on the reading thread; a handler may throw (the frame is released
  // first), which leaves read_one() / read_available() with that exception.
  class Handler {
   public:
    // basic.ack (`ok`) or basic.nack; with `multiple`, for every tag up to `tag`.
    virtual void on_confirm(std::uint64_t tag, bool multiple, bool ok) = 0;
    // basic.return: a mandatory message was unroutable; its confirm still follows.
    virtual void on_return(const amqp_message_t& message) = 0;
    // basic.deliver: a message for a consumer on this channel.
    virtual void on_delivery(const amqp_message_t& message) = 0;

   protected:
    ~Handler() = default;
  };

  // Both must outlive the reader.
  ConfirmReader(Connection& connection, Handler& handler)
      : connection_(connection), handler_(handler) {}

  // Reads and dispatches one frame, waiting for it at most `timeout`. Returns false
  // when none came in time.
  bool read_one(std::chrono::microseconds timeout);
  // Reads and dispatches every frame that has already arrived, without blocking.
  void read_available() {
    while (read_one(std::chrono::microseconds::zero())) {
    }
  }

 private:
  Connection& connection_;
  Handler& handler_;
};

}  // namespace switchyard::amqp
