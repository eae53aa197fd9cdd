#pragma once
// The example domain's worker module: the handlers of its task kinds. A real
// domain keeps this in workers/<domain>/ and lists it in
// workers/worker_modules.hpp.
#include "counter/counter_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::example::counter {

class CounterTasks {
 public:
  static constexpr auto& kKinds = kinds::counter::kAll;
  static void add_to(workers::Dispatcher& dispatcher, const workers::WorkerContext& context);
};

}  // namespace switchyard::example::counter
