#pragma once
// Names and declaration of every exchange and queue. Declaring is idempotent, so
// each process declares what it publishes to or consumes from at start: a task is
// never published before its service queue exists.
//
//   exchange tasks   (topic)  <service>.<action> → queue tasks.<service>
//   default exchange           ledger            → queue ledger (batches of envelopes)
//   exchange events  (topic)  task.<event>      → queue listener.events
//   exchange delays  (headers) delay-step=<s>  → queue delay.<s> ─TTL→ exchange tasks
//   default exchange           dead-letters      → queue dead-letters (tasks out of attempts)
#include <string>
#include <string_view>

#include "config/services_config.hpp"

namespace switchyard::amqp {

class Connection;

inline const std::string kTasksExchange = "tasks";
inline const std::string kEventsExchange = "events";
inline const std::string kLedgerQueue = "ledger";
inline const std::string kListenerEventsQueue = "listener.events";
inline const std::string kDirectReplyTo = "amq.rabbitmq.reply-to";
// Published after a task's final lifecycle event, with the same body, for
// subscribers that want every end under one key; the listener (which records the
// final event itself) acks it unread.
inline constexpr std::string_view kTaskCompletedEvent = "task.completed";

void declare_task_topology(Connection& connection, const config::ServicesConfig& services);
void declare_listener_topology(Connection& connection);

}  // namespace switchyard::amqp
