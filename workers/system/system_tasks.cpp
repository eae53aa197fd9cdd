#include "system/system_tasks.hpp"

namespace switchyard::workers::system {

void SystemTasks::add_to(Dispatcher& dispatcher, const WorkerContext& /*context*/) {
  register_noop_handler(dispatcher);
  register_sleep_handler(dispatcher);
  register_fail_handler(dispatcher);
  register_flaky_handler(dispatcher);
  register_record_handler(dispatcher);
}

}  // namespace switchyard::workers::system
