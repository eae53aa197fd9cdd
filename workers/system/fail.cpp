// system.fail: always fails, with payload.message as the error message when given.
#include "system/system_handlers.hpp"

namespace switchyard::workers::system {

class FailHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override {
    const auto message = context.payload.FindMember("message");
    if (message != context.payload.MemberEnd() && message->value.IsString()) {
      throw TaskFailure("requested_failure", message->value.GetString());
    }
    throw TaskFailure("requested_failure", "system.fail always fails");
  }
};

std::unique_ptr<TaskHandler> make_fail() { return std::make_unique<FailHandler>(); }

}  // namespace switchyard::workers::system
