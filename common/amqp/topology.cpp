#include "amqp/topology.hpp"

#include "amqp/connection.hpp"

namespace switchyard::amqp {

void declare_task_topology(Connection& connection, const config::ServicesConfig& services) {
  connection.declare_exchange(kTasksExchange, "topic");
  connection.declare_exchange(kEventsExchange, "topic");
  for (const auto& [name, service] : services.services) {
    QueueOptions options;
    options.quorum = service.queue_type == config::QueueType::kQuorum;
    options.max_priority = service.max_priority;
    connection.declare_queue(service.queue_name(), options);
    connection.bind_queue(service.queue_name(), kTasksExchange, name + ".*");
  }
  QueueOptions ledger;
  ledger.quorum = true;
  connection.declare_queue(kLedgerQueue, ledger);
}

void declare_listener_topology(Connection& connection) {
  connection.declare_exchange(kEventsExchange, "topic");
  QueueOptions ledger;
  ledger.quorum = true;
  connection.declare_queue(kLedgerQueue, ledger);
  QueueOptions events;
  events.quorum = true;
  connection.declare_queue(kListenerEventsQueue, events);
  connection.bind_queue(kListenerEventsQueue, kEventsExchange, "task.#");
}

}  // namespace switchyard::amqp
