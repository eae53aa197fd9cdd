#pragma once
// ConfirmedSender: publishes a handful of messages and returns only once the broker
// confirmed every one (the worker's retries and dead letters, which must be on the
// broker's disk before the delivery they replace is acked). It owns a connection of
// its own, opened on first use and reopened after a failure, so the consumer's
// channel never waits for confirms. Not thread-safe: one owner thread.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "amqp/connection.hpp"

namespace switchyard::amqp {

struct OutgoingMessage {
  std::string exchange;
  std::string routing_key;
  std::string body;
  std::string message_id;
  std::string delay_step;  // header delay-step, for the delays exchange
  int attempt = -1;        // header x-attempt
  std::string reply_to;
  std::string correlation_id;
  std::string set_aside_reason;  // header x-set-aside-reason
};

class ConfirmedSender {
 public:
  explicit ConfirmedSender(ConnectionOptions options) : options_(std::move(options)) {}

  // Throws AmqpError when the broker is unreachable, nacks, returns a message as
  // unroutable, or does not confirm within `timeout`; the caller must then not ack
  // what these messages replace.
  void send(const std::vector<OutgoingMessage>& messages, std::chrono::milliseconds timeout);

 private:
  ConnectionOptions options_;
  std::unique_ptr<Connection> connection_;
  std::uint64_t published_ = 0;  // delivery tags are 1, 2, 3… per channel
};

}  // namespace switchyard::amqp
