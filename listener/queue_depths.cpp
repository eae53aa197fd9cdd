#include "queue_depths.hpp"

#include <spdlog/spdlog.h>

#include <memory>

#include "amqp/delay_queues.hpp"
#include "amqp/topology.hpp"
#include "metrics/text_format.hpp"

namespace switchyard::listener {

QueueDepths::QueueDepths(amqp::ConnectionOptions broker, const config::ServicesConfig& services,
                         std::chrono::milliseconds interval)
    : broker_(std::move(broker)),
      interval_(interval),
      loop_("queue depths", [this] { refresh_forever(); }) {
  for (const auto& [name, service] : services.services) queues_.push_back(service.queue_name());
  queues_.insert(queues_.end(),
                 {amqp::kLedgerQueue, amqp::kListenerEventsQueue, amqp::kDeadLettersQueue});
}

void QueueDepths::refresh_forever() {
  std::unique_ptr<amqp::Connection> connection;
  do {
    std::map<std::string, amqp::Connection::QueueState> snapshot;
    bool reached = false;
    for (const auto& queue : queues_) {
      try {
        if (!connection) connection = std::make_unique<amqp::Connection>(broker_);
        reached = true;
      } catch (const std::exception& e) {
        spdlog::debug("queue depths: no broker: {}", e.what());
        break;  // an empty snapshot; the next round tries again
      }
      try {
        snapshot[queue] = connection->queue_state(queue);
      } catch (const std::exception& e) {
        // A missing queue closes the channel; the next one reconnects.
        spdlog::debug("queue depths: {} not read: {}", queue, e.what());
        connection.reset();
      }
    }
    std::lock_guard lock(mutex_);
    broker_up_ = reached;
    snapshot_ = std::move(snapshot);
  } while (loop_.wait_for(interval_));
}

void QueueDepths::render(std::string& out) const {
  using metrics::labels;
  using metrics::write_sample;
  std::lock_guard lock(mutex_);
  metrics::write_family(out, "switchyard_broker_up", "gauge",
                        "1 when the broker answered the listener's last round (every 15 s).");
  write_sample(out, "switchyard_broker_up", "", std::uint64_t{broker_up_ ? 1u : 0u});
  metrics::write_family(out, "switchyard_queue_messages", "gauge",
                        "Messages in a broker queue, by state (read every 15 s).");
  for (const auto& [queue, state] : snapshot_) {
    write_sample(out, "switchyard_queue_messages", labels({{"queue", queue}, {"state", "ready"}}),
                 std::uint64_t{state.messages});
  }
  metrics::write_family(out, "switchyard_queue_consumers", "gauge",
                        "Consumers of a broker queue (read every 15 s).");
  for (const auto& [queue, state] : snapshot_) {
    write_sample(out, "switchyard_queue_consumers", labels({{"queue", queue}}),
                 std::uint64_t{state.consumers});
  }
}

}  // namespace switchyard::listener
