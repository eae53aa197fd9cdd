#include "envelope/internal_task.hpp"

#include "envelope/task_id.hpp"
#include "envelope/timestamp.hpp"

namespace switchyard::envelope {

TaskEnvelope internal_task(const config::ServicesConfig& services, const std::string& service,
                           const std::string& action, std::string payload_json,
                           std::string submitted_by) {
  TaskEnvelope task;
  task.id = new_task_id();
  task.service = service;
  task.action = action;
  task.payload_json = std::move(payload_json);
  task.submitted_at = now_timestamp();
  task.submitted_by = std::move(submitted_by);
  if (const config::ActionConfig* config = services.find_action(service, action)) {
    task.max_attempts = config->retry.max_attempts;
    task.timeout_ms = config->timeout_ms;
  }
  return task;
}

}  // namespace switchyard::envelope
