#pragma once
// The incident events of the live stream (docs/console.md "Live events"),
// published on the `events` exchange once the write commits, as plugin.loaded is
// (TaskContext::events): incident.created, incident.acknowledged,
// incident.mitigated and incident.resolved, body
// {"event","id","status" (the IMAS status: TRIGGERED, ACKNOWLEDGED, …),
// "title"?,"severity"?,"service"? (created only),"by","at"}. Incident
// writes are rare next to tasks, so one message each costs the hot path nothing.
#include <string>

#include "storage/incidents/incident_repository.hpp"
#include "task_handler.hpp"

namespace switchyard::workers::incidents {

void announce_created(TaskContext& context, const storage::incidents::NewIncident& incident);
void announce_moved(TaskContext& context, storage::incidents::Move move, const std::string& id);

}  // namespace switchyard::workers::incidents
