#pragma once
// The incident manager's incident writes (service `incidents`): creating an
// incident (with, in the same transaction, its orchestration workflow: the
// envelope's `workflow_id` is the incident's id, and the Completer publishes the
// first steps once this commits), the lifecycle moves, comments and tags. Each
// runs in the window's transaction with its timeline entry. A new incident of a
// service with an escalation policy starts its escalation (escalation_start.hpp). The catalog and
// the orchestration steps are modules of their own (catalog_tasks, orchestration_tasks).
#include "domain/incidents/incidents_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::incidents {

class IncidentTasks {
 public:
  static constexpr auto& kKinds = kinds::incidents::kIncidentKinds;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

}  // namespace switchyard::workers::incidents
