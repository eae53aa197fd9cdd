#include "handlers/releases/releases_handlers.hpp"

namespace switchyard::workers::releases {

void register_release_handlers(Dispatcher& dispatcher);
void register_ping_handlers(Dispatcher& dispatcher);

void register_handlers(Dispatcher& dispatcher) {
  register_release_handlers(dispatcher);
  register_ping_handlers(dispatcher);
}

}  // namespace switchyard::workers::releases
