#pragma once
// The built-in service `system`: noop (result = payload), sleep ({"ms": N}), fail
// (always fails), flaky (fails until a given attempt) and record (writes a row in
// system_executions), for smoke tests, benchmarks, the retry and dead-letter
// paths, and counting effects.
#include "dispatcher.hpp"

namespace switchyard::workers::system {

void register_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::system
