#pragma once
// Workflows (docs/workflows.md): DAGs of tasks submitted over REST, read and
// cancelled. A workflow is tasks, so the task permissions guard it (tasks:write,
// tasks:read, tasks:cancel).
#include "module.hpp"
#include "workflows/workflow_cancellation.hpp"
#include "workflows/workflow_queries.hpp"
#include "workflows/workflow_submission.hpp"

namespace switchyard::api {

class WorkflowsApi final : public ApiModuleOf<WorkflowsApi> {
 public:
  static constexpr std::string_view kName = "workflows";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<WorkflowsApi>> route_rows(const RouteOptions& options);

  explicit WorkflowsApi(ModuleContext& context);

 private:
  WorkflowSubmission submission_;
  WorkflowQueries queries_;
  WorkflowCancellation cancellation_;
};

}  // namespace switchyard::api
