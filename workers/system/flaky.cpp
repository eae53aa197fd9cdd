// system.flaky: fails (retryably) until attempt payload.succeed_on_attempt, then
// succeeds with {"attempt": N}: the retry path end to end.
#include <fmt/format.h>

#include "system/system_tasks.hpp"

namespace switchyard::workers::system {

class FlakyHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override {
    const auto wanted = context.payload.FindMember("succeed_on_attempt");
    if (wanted == context.payload.MemberEnd() || !wanted->value.IsInt() ||
        wanted->value.GetInt() < 1) {
      throw TaskFailure(FailureKind::kBadPayload,
                        "system.flaky needs {\"succeed_on_attempt\": N >= 1}",
                        TaskFailure::Retry::kPointless);
    }
    if (context.task.attempt < wanted->value.GetInt()) {
      throw TaskFailure(FailureKind::kRequestedFailure,
                        fmt::format("attempt {} fails on purpose", context.task.attempt));
    }
    return fmt::format("{{\"attempt\":{}}}", context.task.attempt);
  }
};

void register_flaky_handler(Dispatcher& dispatcher) {
  dispatcher.add(kinds::system::kFlaky, std::make_unique<FlakyHandler>());
}

}  // namespace switchyard::workers::system
