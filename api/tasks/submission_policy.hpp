#pragma once
// What a caller may ask of the workers with POST /api/v1/tasks, beyond the
// schema. Callers other than admins (admin keys, role admin):
//   - a task's timeout_ms and max_attempts may not exceed its action's configured
//     values (services.yaml), so one caller cannot hold a runner for longer or
//     retry for longer than the operator allows: 422 naming the field;
//   - with ENV=production, the built-in `system` service (sleep, flaky, record:
//     diagnostics) is refused: 403.
// Admins may go past the configured values (an operator's one-off run).
#include "config/services_config.hpp"
#include "identity/principal.hpp"

namespace switchyard::api {

// Throws AppError (403, 422) when `caller` may not submit this task.
void check_submission_policy(const Principal* caller, const config::ServiceConfig& service,
                             const config::ActionConfig& action, int timeout_ms, int max_attempts,
                             bool production);

}  // namespace switchyard::api
