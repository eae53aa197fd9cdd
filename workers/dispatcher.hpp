#pragma once
// The registry of task handlers, one per TaskKind. Each domain's worker module
// (workers/worker_modules.hpp) adds its handlers; the consumer subscribes to the
// queues of the services that have at least one.
#include <map>
#include <memory>
#include <set>
#include <string>

#include "domain/task_kind.hpp"
#include "task_handler.hpp"

namespace switchyard::workers {

class Dispatcher {
 public:
  // Throws std::logic_error when `kind` has a handler already.
  void add(domain::TaskKind kind, std::unique_ptr<TaskHandler> handler);
  // nullptr when no handler serves the pair.
  TaskHandler* find(const std::string& service, const std::string& action) const;
  std::set<std::string> services() const;
  // The actions of `service` that have a handler.
  std::set<std::string> actions(const std::string& service) const;

 private:
  std::map<std::string, std::unique_ptr<TaskHandler>> handlers_;  // by routing key
};

}  // namespace switchyard::workers
