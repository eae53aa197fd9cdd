#pragma once
// The tracker's worker module: the internal service `tracker`, the writes of
// tracker-api.md (events, catalog, locks), published by the API from validated
// requests and awaited. Payloads are rows in the tables' column names (enum
// numbers); ids are chosen by the API, so a redelivered create finds its own row
// instead of making a second one.
#include "domain/tracker/tracker_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::tracker {

class TrackerTasks {
 public:
  static constexpr auto& kKinds = kinds::tracker::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

// The handlers of each file (events.cpp, catalog.cpp, locks.cpp).
void register_event_handlers(Dispatcher& dispatcher);
void register_catalog_handlers(Dispatcher& dispatcher);
void register_lock_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::tracker
