// system.record: writes one row to system_executions in the window's transaction
// (so it commits with the task's outcome or not at all) and succeeds with
// {"recorded": true}. With {"fail": true} it writes, then fails: the savepoint
// rolls the row back. The effect counter of the delivery-guarantee tests.
#include <unistd.h>

#include "system/system_tasks.hpp"

namespace switchyard::workers::system {

class RecordHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override {
    context.transaction->exec_params0(
        "INSERT INTO system_executions (task_id, attempt, worker) VALUES ($1, $2, $3)",
        context.task.id, context.task.attempt, worker_name());
    const auto fail = context.payload.FindMember("fail");
    if (fail != context.payload.MemberEnd() && fail->value.IsBool() && fail->value.GetBool()) {
      throw TaskFailure(FailureKind::kRequestedFailure,
                        "system.record failed on purpose after writing");
    }
    return R"({"recorded":true})";
  }
  bool uses_database() const override { return true; }

 private:
  static std::string worker_name() {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    return std::string(host) + ":" + std::to_string(::getpid());
  }
};

void register_record_handler(Dispatcher& dispatcher) {
  dispatcher.add(kinds::system::kRecord, std::make_unique<RecordHandler>());
}

}  // namespace switchyard::workers::system
