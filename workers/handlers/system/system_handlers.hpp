#pragma once
// The built-in service `system`: noop (result = payload), sleep ({"ms": N}) and
// fail (always fails), for smoke tests, benchmarks and the retry paths.
#include "dispatcher.hpp"

namespace switchyard::workers::system {

void register_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::system
