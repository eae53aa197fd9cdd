#pragma once
// The internal service `tracker`: the writes of tracker-api.md (events, catalog,
// locks), published by the API from validated requests and awaited. Payloads are
// rows in the tables' column names (enum numbers); ids are chosen by the API, so a
// redelivered create finds its own row instead of making a second one.
#include "dispatcher.hpp"

namespace switchyard::workers::tracker {

void register_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::tracker
