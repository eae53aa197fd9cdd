#include "releases/releases_handlers.hpp"

#include "storage/releases/forwards_repository.hpp"

namespace switchyard::workers::releases {

void register_release_handlers(Dispatcher& dispatcher, bool forward);
void register_collect_handlers(Dispatcher& dispatcher, const config::Settings& settings);
void register_ping_handlers(Dispatcher& dispatcher);

void register_handlers(Dispatcher& dispatcher, const config::Settings& settings) {
  const bool forward = settings.mode == config::Mode::kSlave;
  register_release_handlers(dispatcher, forward);
  register_collect_handlers(dispatcher, settings);
  register_ping_handlers(dispatcher);
}

std::string record_and_forward(pqxx::transaction_base& tx,
                               const storage::releases::Component& component,
                               const storage::releases::Image& image, bool forward) {
  std::string recorded = storage::releases::record_release(tx, component, image);
  if (forward) storage::releases::enqueue_forward(tx, component, image);
  return recorded;
}

}  // namespace switchyard::workers::releases
