// system.sleep: waits payload.ms milliseconds (0..3,600,000), then succeeds with
// {"slept_ms": N}. It blocks without looking at its deadline, like any handler
// stuck in a call: a sleep past the task's timeout shows the worker enforcing it
// (the task fails at its deadline, the worker goes on, the thread is abandoned).
#include <fmt/format.h>

#include <thread>

#include "system/system_tasks.hpp"

namespace switchyard::workers::system {

class SleepHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override {
    const auto ms = context.payload.FindMember("ms");
    if (ms == context.payload.MemberEnd() || !ms->value.IsInt64() || ms->value.GetInt64() < 0 ||
        ms->value.GetInt64() > 3'600'000) {
      throw TaskFailure(FailureKind::kBadPayload, "system.sleep needs {\"ms\": 0..3600000}",
                        TaskFailure::Retry::kPointless);
    }
    const std::chrono::milliseconds wanted(ms->value.GetInt64());
    std::this_thread::sleep_for(wanted);
    return fmt::format("{{\"slept_ms\":{}}}", wanted.count());
  }
};

void register_sleep_handler(Dispatcher& dispatcher) {
  dispatcher.add(kinds::system::kSleep, std::make_unique<SleepHandler>());
}

}  // namespace switchyard::workers::system
