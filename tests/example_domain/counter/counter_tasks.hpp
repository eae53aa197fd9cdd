#pragma once
// The example domain's worker module: registers its one task kind. A real domain
// keeps this in workers/<domain>/ and lists it in workers/modules.hpp.
#include "dispatcher.hpp"

namespace switchyard::example::counter {

void register_counter_tasks(workers::Dispatcher& dispatcher);

}  // namespace switchyard::example::counter
