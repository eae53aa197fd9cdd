#include "releases/releases_tasks.hpp"

namespace switchyard::workers::releases {

void ReleasesTasks::add_to(Dispatcher& dispatcher, const WorkerContext& context) {
  const ReleasesSettings settings = ReleasesSettings::from(context.settings);
  register_release_handlers(dispatcher, settings);
  register_collect_handlers(dispatcher, settings);
  register_ping_handlers(dispatcher);
}

}  // namespace switchyard::workers::releases
