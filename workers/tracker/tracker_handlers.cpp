#include "tracker/tracker_handlers.hpp"

namespace switchyard::workers::tracker {

void register_event_handlers(Dispatcher& dispatcher);
void register_catalog_handlers(Dispatcher& dispatcher);
void register_lock_handlers(Dispatcher& dispatcher);

void register_handlers(Dispatcher& dispatcher) {
  register_event_handlers(dispatcher);
  register_catalog_handlers(dispatcher);
  register_lock_handlers(dispatcher);
}

}  // namespace switchyard::workers::tracker
