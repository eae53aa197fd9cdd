#include "amqp/topology.hpp"

#include "amqp/connection.hpp"
#include "amqp/delay_queues.hpp"

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

  connection.declare_exchange(kDelaysExchange, "headers");
  for (const auto& step : delay_steps()) {
    QueueOptions delay;
    delay.quorum = true;
    delay.message_ttl_ms = static_cast<int>(step.delay.count());
    delay.dead_letter_exchange = kTasksExchange;
    delay.at_least_once_dead_letters = true;
    connection.declare_queue(step.queue_name(), delay);
    connection.bind_queue_on_header(step.queue_name(), kDelaysExchange, "delay-step", step.label);
  }
  QueueOptions dead_letters;
  dead_letters.quorum = true;
  connection.declare_queue(kDeadLettersQueue, dead_letters);
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
