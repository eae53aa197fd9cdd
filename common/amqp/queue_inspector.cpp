#include "amqp/queue_inspector.hpp"

#include "amqp/amqp_error.hpp"

namespace switchyard::amqp {

std::optional<Connection::QueueState> QueueInspector::inspect(const std::string& queue) {
  std::lock_guard lock(mutex_);
  try {
    if (!connection_) connection_ = std::make_unique<Connection>(options_);
    return connection_->queue_state(queue);
  } catch (const AmqpError&) {
    connection_.reset();  // a failed passive declare closes the channel: start over
    return std::nullopt;
  }
}

}  // namespace switchyard::amqp
