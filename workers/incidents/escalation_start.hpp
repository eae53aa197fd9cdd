#pragma once
// The start of an incident's escalation (docs/incidents.md, "Escalation"): when a
// new incident's service has a policy, level 1's task (incident_orchestration.
// escalate, due after level 1's wait, read with the incident's insert: no round
// trip of its own) becomes a follow-up of the task that
// created the incident (TaskContext::follow_ups), so it is published once the
// incident is committed and never for a creation that rolled back. Used by
// incidents.create_incident and by alert intake (alerts.ingest).
#include <chrono>
#include <optional>
#include <string>

#include "config/services_config.hpp"
#include "envelope/task_envelope.hpp"
#include "task_handler.hpp"

namespace switchyard::workers::incidents {

class EscalationStart {
 public:
  // `services` outlives this (WorkerContext). Without it, or without
  // incident_orchestration.escalate in it, nothing starts: the task would have
  // no queue to go to.
  explicit EscalationStart(const config::ServicesConfig* services);

  // `first_wait`: level 1's wait, read with the incident's insert
  // (storage::incidents::CreatedIncident); nullopt, the service has no policy.
  void begin(TaskContext& context, const std::string& incident_id,
             std::optional<int> first_wait) const;

 private:
  const config::ServicesConfig* services_;
};

// The task of level `level` (1-based) of an incident's escalation, due at
// `run_at`; its id is derived from the incident and the level.
envelope::TaskEnvelope escalation_task(const config::ServicesConfig& services,
                                       const std::string& incident_id, int level,
                                       std::chrono::system_clock::time_point run_at,
                                       const std::string& submitted_by);

}  // namespace switchyard::workers::incidents
