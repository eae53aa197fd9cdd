#include "incidents/incident_events.hpp"

#include "envelope/timestamp.hpp"
#include "json/json_fields.hpp"

namespace switchyard::workers::incidents {

void announce_created(TaskContext& context, const storage::incidents::NewIncident& incident) {
  context.events.emplace_back("incident.created",
                              json::string_object({{"event", "incident.created"},
                                                   {"id", incident.id},
                                                   {"status", "TRIGGERED"},
                                                   {"title", incident.title},
                                                   {"severity", incident.severity},
                                                   {"service", incident.service_id},
                                                   {"by", context.task.submitted_by},
                                                   {"at", envelope::now_timestamp()}}));
}

void announce_moved(TaskContext& context, storage::incidents::Move move, const std::string& id) {
  using storage::incidents::Move;
  const char* name = move == Move::kAcknowledge ? "acknowledged"
                     : move == Move::kMitigate  ? "mitigated"
                                                : "resolved";
  const char* status = move == Move::kAcknowledge ? "ACKNOWLEDGED"
                       : move == Move::kMitigate  ? "MITIGATED"
                                                  : "RESOLVED";
  const std::string event = std::string("incident.") + name;
  context.events.emplace_back(event, json::string_object({{"event", event},
                                                          {"id", id},
                                                          {"status", status},
                                                          {"by", context.task.submitted_by},
                                                          {"at", envelope::now_timestamp()}}));
}

}  // namespace switchyard::workers::incidents
