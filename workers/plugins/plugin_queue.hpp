#pragma once
// The queue of a queue-runtime plugin (docs/plugins.md#queue-runtime): tasks.<service>,
// a durable quorum queue bound to the tasks exchange with <service>.*, declared as
// the platform declares its own services' queues (amqp/topology.hpp), when the
// plugin is installed or reloaded. From then on the API's publishes of the plugin's
// routes are routable and wait in the queue until the plugin's own worker
// consumes them. Declaring is idempotent; throws AmqpError when the broker is
// unreachable.
#include <string>

namespace switchyard::workers::plugins {

void declare_plugin_queue(const std::string& broker_url, const std::string& service);

}  // namespace switchyard::workers::plugins
