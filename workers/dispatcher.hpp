#pragma once
// The registry of task handlers, keyed "<service>.<action>". main() registers every
// handler this worker binary serves; the consumer subscribes to the queues of the
// services that have at least one.
#include <map>
#include <memory>
#include <set>
#include <string>

#include "task_handler.hpp"

namespace switchyard::workers {

class Dispatcher {
 public:
  void add(const std::string& service, const std::string& action,
           std::unique_ptr<TaskHandler> handler);
  // nullptr when no handler serves the pair.
  TaskHandler* find(const std::string& service, const std::string& action) const;
  std::set<std::string> services() const;

 private:
  std::map<std::string, std::unique_ptr<TaskHandler>> handlers_;
};

}  // namespace switchyard::workers
