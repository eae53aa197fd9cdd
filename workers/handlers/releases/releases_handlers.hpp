#pragma once
// The internal service `releases`: the writes of release-tracker-api.md —
// recording a container's image (history semantics in storage/releases) and
// recording a slave's ping — published by the API from validated requests.
#include "dispatcher.hpp"

namespace switchyard::workers::releases {

void register_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::releases
