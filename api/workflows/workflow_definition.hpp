#pragma once
// WorkflowDefinition: a POST /api/v1/workflows body (already valid against
// workflow_submission.json) checked as a runnable DAG and turned into the payload
// of the workflows.start task:
//   - at most `max_steps` steps, unique ids, every depends_on naming another step,
//     no cycle;
//   - each step a known, non-internal service and action, within the caller's
//     submission policy (tasks/submission_policy.hpp), its attempts and timeout
//     defaulting to the action's;
//   - references {"$ref": "..."} in payloads naming what the step may read:
//     steps.<parent>.(result|error|status|task_id)[.path] for a parent in its
//     depends_on, workflow.(id|submitted_by); the on_failure step may also read
//     failure[.path] and any step.
// A refusal is AppError(kUnprocessable) naming the step's field
// ("steps.2.depends_on"). The payload holds each step's task id, derived from the
// workflow id and the step id (envelope::workflow_step_task_id).
#include <rapidjson/document.h>

#include <string>

#include "config/services_config.hpp"
#include "identity/principal.hpp"

namespace switchyard::api {

struct WorkflowRules {
  const config::ServicesConfig& services;
  const Principal* caller = nullptr;
  bool production = false;
  int max_steps = 500;
  // The platform's own workflow (an incident's orchestration), not a caller's:
  // internal services allowed, no submission policy.
  bool platform = false;
};

// The workflows.start payload: {"workflow_id", "failure_policy", "steps": [...]}
// with the on_failure step last ("compensation": true). Throws AppError.
std::string workflow_start_payload(const rapidjson::Value& body, const std::string& workflow_id,
                                   const WorkflowRules& rules);

}  // namespace switchyard::api
