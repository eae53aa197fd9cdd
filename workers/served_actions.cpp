#include "served_actions.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

#include "config/config_error.hpp"

namespace switchyard::workers {

void check_served_actions(const Dispatcher& dispatcher, const config::ServicesConfig& services,
                          const std::string& services_file) {
  std::vector<std::string> problems;
  for (const auto& name : dispatcher.services()) {
    const config::ServiceConfig* service = services.find_service(name);
    if (service == nullptr) continue;
    const std::set<std::string> handled = dispatcher.actions(name);
    for (const auto& [action, config] : service->actions) {
      if (!handled.contains(action)) {
        problems.push_back(
            fmt::format("{}.{} is configured but no handler serves it", name, action));
      }
    }
    for (const auto& action : handled) {
      if (!service->actions.contains(action)) {
        problems.push_back(fmt::format("{}.{} has a handler but is not an action of service {}",
                                       name, action, name));
      }
    }
  }
  if (!problems.empty()) {
    throw config::ConfigError(
        fmt::format("{}: the actions of the services this worker serves "
                    "differ from its handlers: {}",
                    services_file, fmt::join(problems, "; ")));
  }
}

std::set<std::string> consumed_services(const Dispatcher& dispatcher,
                                        const config::ServicesConfig& services,
                                        const std::vector<std::string>& wanted) {
  std::set<std::string> servable;
  for (const auto& name : dispatcher.services()) {
    if (services.find_service(name) != nullptr) servable.insert(name);
  }
  if (wanted.empty()) {
    if (servable.empty()) {
      throw config::ConfigError("services.yaml configures none of the services this worker serves");
    }
    return servable;
  }
  std::set<std::string> chosen;
  for (const auto& name : wanted) {
    if (!servable.contains(name)) {
      throw config::ConfigError(
          fmt::format("WORKER_SERVICES names {}, which this worker cannot serve (served: {})", name,
                      fmt::join(servable, ",")));
    }
    chosen.insert(name);
  }
  return chosen;
}

}  // namespace switchyard::workers
