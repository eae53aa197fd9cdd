// system.fail: always fails, with payload.message as the error message when given.
#include "system/system_tasks.hpp"

namespace switchyard::workers::system {

class FailHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override {
    const auto message = context.payload.FindMember("message");
    if (message != context.payload.MemberEnd() && message->value.IsString()) {
      throw TaskFailure(FailureKind::kRequestedFailure, message->value.GetString());
    }
    throw TaskFailure(FailureKind::kRequestedFailure, "system.fail always fails");
  }
};

void register_fail_handler(Dispatcher& dispatcher) {
  dispatcher.add(kinds::system::kFail, std::make_unique<FailHandler>());
}

}  // namespace switchyard::workers::system
