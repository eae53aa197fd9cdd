#include "envelope/internal_task.hpp"

#include "envelope/task_id.hpp"
#include "envelope/timestamp.hpp"

namespace switchyard::envelope {

TaskEnvelope internal_task(const config::ServicesConfig& services, domain::TaskKind kind,
                           std::string payload_json, std::string submitted_by) {
  TaskEnvelope task;
  task.id = new_task_id();
  task.service = kind.service;
  task.action = kind.action;
  task.payload_json = std::move(payload_json);
  task.submitted_at = now_timestamp();
  task.submitted_by = std::move(submitted_by);
  if (const config::ActionConfig* config = services.find_action(task.service, task.action)) {
    task.max_attempts = config->retry.max_attempts;
    task.timeout_ms = config->timeout_ms;
  }
  return task;
}

}  // namespace switchyard::envelope
