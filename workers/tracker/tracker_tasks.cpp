#include "tracker/tracker_tasks.hpp"

namespace switchyard::workers::tracker {

void TrackerTasks::add_to(Dispatcher& dispatcher, const WorkerContext& /*context*/) {
  register_event_handlers(dispatcher);
  register_catalog_handlers(dispatcher);
  register_lock_handlers(dispatcher);
}

}  // namespace switchyard::workers::tracker
