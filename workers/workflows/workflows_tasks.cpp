#include "workflows/workflows_tasks.hpp"

#include "payload_fields.hpp"
#include "storage/workflows/workflow_repository.hpp"

namespace switchyard::workers::workflows {
namespace {

namespace repo = storage::workflows;

// workflows.start: {"workflow_id", "failure_policy", "steps": [...]} as the API
// built it (api/workflows/workflow_definition). A redelivered start finds its
// workflow written and succeeds again.
class StartHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override {
    const std::string id = required_string(context.payload, "workflow_id");
    if (id != context.task.id) throw bad_payload("workflow_id", "the start task's id");
    const auto steps = context.payload.FindMember("steps");
    if (steps == context.payload.MemberEnd() || !steps->value.IsArray()) {
      throw bad_payload("steps", "an array");
    }
    repo::create_workflow(*context.transaction, context.task.payload_json,
                          context.task.submitted_by, context.task.idempotency_key,
                          context.task.submitted_at);
    return R"({"workflow_id":")" + id + R"("})";
  }
  bool uses_database() const override { return true; }
};

}  // namespace

void WorkflowsTasks::add_to(Dispatcher& dispatcher, const WorkerContext& /*context*/) {
  dispatcher.add(kinds::workflows::kStart, std::make_unique<StartHandler>());
}

}  // namespace switchyard::workers::workflows
