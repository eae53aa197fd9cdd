#include "dispatcher.hpp"

#include <stdexcept>

namespace switchyard::workers {

void Dispatcher::add(domain::TaskKind kind, std::unique_ptr<TaskHandler> handler) {
  const std::string key = kind.routing_key();
  if (!handlers_.emplace(key, std::move(handler)).second) {
    throw std::logic_error("two handlers registered for " + key);
  }
}

TaskHandler* Dispatcher::find(const std::string& service, const std::string& action) const {
  auto it = handlers_.find(service + "." + action);
  return it == handlers_.end() ? nullptr : it->second.get();
}

std::set<std::string> Dispatcher::services() const {
  std::set<std::string> services;
  for (const auto& [key, handler] : handlers_) services.insert(key.substr(0, key.find('.')));
  return services;
}

std::set<std::string> Dispatcher::actions(const std::string& service) const {
  std::set<std::string> actions;
  for (const auto& [key, handler] : handlers_) {
    const auto dot = key.find('.');
    if (key.compare(0, dot, service) == 0) actions.insert(key.substr(dot + 1));
  }
  return actions;
}

}  // namespace switchyard::workers
