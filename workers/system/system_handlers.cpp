#include "system/system_handlers.hpp"

namespace switchyard::workers::system {

std::unique_ptr<TaskHandler> make_noop();
std::unique_ptr<TaskHandler> make_sleep();
std::unique_ptr<TaskHandler> make_fail();
std::unique_ptr<TaskHandler> make_flaky();
std::unique_ptr<TaskHandler> make_record();

void register_handlers(Dispatcher& dispatcher) {
  dispatcher.add("system", "noop", make_noop());
  dispatcher.add("system", "sleep", make_sleep());
  dispatcher.add("system", "fail", make_fail());
  dispatcher.add("system", "flaky", make_flaky());
  dispatcher.add("system", "record", make_record());
}

}  // namespace switchyard::workers::system
