#pragma once
// The queue of a queue-runtime plugin (docs/plugins.md#queue-runtime): tasks.<service>,
// a durable quorum queue bound to the tasks exchange with <service>.*, declared as
// the platform declares its own services' queues (amqp/topology.hpp), when the
// plugin is installed or reloaded. From then on the API's publishes of the plugin's
// routes are routable and wait in the queue until the plugin's own worker
// consumes them.
//
// While the plugin is disabled its queue is not consumed: the platform keeps the
// durable marker queue plugins.paused.<service> (empty, never bound) and announces
// plugin.disabled / plugin.enabled; a worker that follows docs/plugins.md checks
// the marker when it starts and cancels or resumes its consumer on the events.
// Tasks already queued wait in tasks.<service> until the plugin is enabled.
// Declaring and deleting are idempotent; both throw AmqpError when the broker is
// unreachable.
#include <string>

namespace switchyard::workers::plugins {

void declare_plugin_queue(const std::string& broker_url, const std::string& service);

// "plugins.paused.<service>": exists exactly while the plugin is disabled.
std::string paused_marker(const std::string& service);

// Declares the marker (paused) or deletes it (not paused).
void set_plugin_queue_paused(const std::string& broker_url, const std::string& service,
                             bool paused);

}  // namespace switchyard::workers::plugins
