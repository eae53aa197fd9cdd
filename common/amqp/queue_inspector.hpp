#pragma once
// QueueInspector: reads a queue's depth and consumer count for the API's
// /api/v1/services, over one connection of its own (opened on first use, reopened
// after a failure) shared by request threads under a mutex. An inspection that
// fails (broker down, queue missing) answers nullopt: the caller shows unknown.
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "amqp/connection.hpp"

namespace switchyard::amqp {

class QueueInspector {
 public:
  explicit QueueInspector(ConnectionOptions options) : options_(std::move(options)) {}

  std::optional<Connection::QueueState> inspect(const std::string& queue);

 private:
  ConnectionOptions options_;
  std::mutex mutex_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace switchyard::amqp
