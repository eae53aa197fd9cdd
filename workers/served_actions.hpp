#pragma once
// The worker's handlers and services.yaml must name the same actions: a
// configured action that no handler serves would fail every task as no_handler,
// and a handler whose action is not configured would never receive one — both
// are caught at start (workers/main.cpp exits 2), not at run time.
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

}  // namespace switchyard::workers
