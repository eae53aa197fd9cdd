#pragma once
// The worker module of scheduled tasks: the internal service `schedules`
// (create, update, delete, pause, resume of /system/tasks). Each handler reads
// the definition the API checked, checks it again (the same parser), computes the
// schedule's next fire and writes the row in the window's transaction.
// Failures: an id taken is a conflict (409), a built-in job of the listener is
// read-only (conflict), an unknown id is not_found (404), a definition that does
// not parse is validation (422).
#include "domain/schedules/schedules_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::schedules {

class SchedulesTasks {
 public:
  static constexpr auto& kKinds = kinds::schedules::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

}  // namespace switchyard::workers::schedules
