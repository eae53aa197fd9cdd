#pragma once
// The incident manager's orchestration module: the internal service
// `incident_orchestration`, the steps of the workflow a new incident starts
// (docs/incidents.md, "Orchestration"): the Slack war room, the incident
// document, the on-call notification. Each step is independent of the others,
// calls a service outside, retries through the delay queues and writes its
// progress to the incident's timeline (orchestration_step.hpp). The levels of a
// service's escalation policy run here too: they call the same services.
#include <memory>

#include "domain/incidents/incidents_kinds.hpp"
#include "incidents/orchestration_step.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::incidents {

class OrchestrationTasks {
 public:
  static constexpr auto& kKinds = kinds::incidents::kOrchestrationKinds;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

// The handler of each file (open_war_room.cpp, create_document.cpp,
// notify_on_call.cpp), sharing the module's settings and connections.
void register_open_war_room(Dispatcher& dispatcher,
                            std::shared_ptr<OrchestrationResources> resources);
void register_create_document(Dispatcher& dispatcher,
                              std::shared_ptr<OrchestrationResources> resources);
void register_notify_on_call(Dispatcher& dispatcher,
                             std::shared_ptr<OrchestrationResources> resources);
// The levels of an escalation policy (escalate_incident.cpp): each publishes the
// next one's task as a follow-up, built from `services` (services.yaml).
void register_escalate(Dispatcher& dispatcher, std::shared_ptr<OrchestrationResources> resources,
                       const config::ServicesConfig* services);

}  // namespace switchyard::workers::incidents
