#include "plugins/plugin_queue.hpp"

#include "amqp/connection.hpp"
#include "amqp/topology.hpp"

namespace switchyard::workers::plugins {

void declare_plugin_queue(const std::string& broker_url, const std::string& service) {
  amqp::Connection broker({broker_url, "switchyard-worker plugins"});
  broker.declare_exchange(amqp::kTasksExchange, "topic");
  amqp::QueueOptions options;
  options.quorum = true;  // as workers/js declares it
  const std::string queue = "tasks." + service;
  broker.declare_queue(queue, options);
  broker.bind_queue(queue, amqp::kTasksExchange, service + ".*");
}

std::string paused_marker(const std::string& service) { return "plugins.paused." + service; }

void set_plugin_queue_paused(const std::string& broker_url, const std::string& service,
                             bool paused) {
  amqp::Connection broker({broker_url, "switchyard-worker plugins"});
  if (paused) {
    // Classic and empty: a name to check (a passive declare), never a message.
    broker.declare_queue(paused_marker(service), amqp::QueueOptions{});
  } else {
    broker.delete_queue(paused_marker(service));
  }
}

}  // namespace switchyard::workers::plugins
