#pragma once
// The worker's handlers and services.yaml must name the same actions: a
// configured action that no handler serves would fail every task as no_handler,
// and a handler whose action is not configured would never receive one — both
// are caught at start (workers/main.cpp exits 2), not at run time.
#include <set>
#include <string>
#include <vector>

#include "config/services_config.hpp"
#include "dispatcher.hpp"

namespace switchyard::workers {

// For every service that both `dispatcher` and `services` know (the services this
// worker consumes), throws config::ConfigError listing each action configured
// without a handler and each handler whose action is not configured. Services
// only one side knows are left alone: services.yaml may run services of other
// workers (workers/js), and a worker may serve services a deployment does not run.
void check_served_actions(const Dispatcher& dispatcher, const config::ServicesConfig& services,
                          const std::string& services_file);

// The queues this worker consumes: the services it has handlers for that
// services.yaml configures, narrowed to `wanted` (WORKER_SERVICES) when given.
// Throws config::ConfigError when nothing is left, or when `wanted` names a
// service this worker cannot serve (a typo would otherwise leave a queue unserved
// without a word).
std::set<std::string> consumed_services(const Dispatcher& dispatcher,
                                        const config::ServicesConfig& services,
                                        const std::vector<std::string>& wanted);

}  // namespace switchyard::workers
