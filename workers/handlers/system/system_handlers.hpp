#pragma once
// The built-in service `system`: noop (result = payload), sleep ({"ms": N}), fail
// (always fails) and flaky (fails until a given attempt), for smoke tests,
// benchmarks and the retry and dead-letter paths.
#include "dispatcher.hpp"

namespace switchyard::workers::system {

void register_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::system
