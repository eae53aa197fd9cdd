#pragma once
// The built-in service `system`'s worker module: noop (result = payload), sleep
// ({"ms": N}), fail (always fails), flaky (fails until a given attempt) and record
// (writes a row in system_executions), for smoke tests, benchmarks, the retry and
// dead-letter paths, and counting effects.
#include "domain/system/system_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::system {

class SystemTasks {
 public:
  static constexpr auto& kKinds = kinds::system::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

// The handler of each file (noop.cpp, sleep.cpp, fail.cpp, flaky.cpp, record.cpp).
void register_noop_handler(Dispatcher& dispatcher);
void register_sleep_handler(Dispatcher& dispatcher);
void register_fail_handler(Dispatcher& dispatcher);
void register_flaky_handler(Dispatcher& dispatcher);
void register_record_handler(Dispatcher& dispatcher);

}  // namespace switchyard::workers::system
