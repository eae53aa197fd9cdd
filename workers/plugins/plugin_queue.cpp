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

}  // namespace switchyard::workers::plugins
