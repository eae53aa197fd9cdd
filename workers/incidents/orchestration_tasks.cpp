#include "incidents/orchestration_tasks.hpp"

#include <string>

#include "domain/incidents/incidents_kinds.hpp"

namespace switchyard::workers::incidents {

void OrchestrationTasks::add_to(Dispatcher& dispatcher, const WorkerContext& context) {
  // Connections open on first use: a worker that never runs a step opens none.
  // One per handler thread of the steps' pool (services.yaml `concurrency`).
  const auto resources = std::make_shared<OrchestrationResources>(OrchestrationSettings::from(
      context.settings,
      context.handler_threads(std::string(::switchyard::kinds::incidents::kOrchestration))));
  register_open_war_room(dispatcher, resources);
  register_create_document(dispatcher, resources);
  register_notify_on_call(dispatcher, resources);
  register_escalate(dispatcher, resources, context.services);
}

}  // namespace switchyard::workers::incidents
