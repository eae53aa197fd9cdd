#include "incidents/incident_tasks.hpp"

#include <algorithm>
#include <cctype>

#include "database_handler.hpp"
#include "incidents/escalation_start.hpp"
#include "incidents/incident_events.hpp"
#include "json/json_fields.hpp"
#include "payload_fields.hpp"
#include "storage/incidents/incident_repository.hpp"

namespace switchyard::workers::incidents {
namespace {

namespace repo = storage::incidents;
namespace kinds = ::switchyard::kinds::incidents;

// A reference that vanished between the API's check and this write (a service or
// scope deleted meanwhile): the caller's request no longer holds.
template <class Write>
auto referring(Write write) {
  try {
    return write();
  } catch (const pqxx::foreign_key_violation&) {
    throw caller_error(FailureKind::kValidation,
                       "The service or an impacted scope no longer exists.");
  }
}

std::string create_incident(TaskContext& context, const EscalationStart& escalation) {
  const rapidjson::Value& p = context.payload;
  repo::NewIncident incident;
  incident.id = required_string(p, "id");
  incident.title = required_string(p, "title");
  incident.description = optional_string(p, "description").value_or("");
  incident.severity = required_string(p, "severity");
  incident.service_id = required_string(p, "service");
  incident.impacted_scopes =
      optional_strings(p, "impacted_scopes").value_or(std::vector<std::string>{});
  incident.detected_at = optional_string(p, "detected_at");
  if (const auto lead = p.FindMember("lead_id"); lead != p.MemberEnd() && !lead->value.IsNull()) {
    incident.lead_id = required_int64(p, "lead_id");
  }
  incident.created_by = context.task.submitted_by;
  // The orchestration: a workflow of this incident's id, written with it and begun
  // by the Completer when this commits — only if the envelope names it, or nobody
  // would begin it.
  if (const auto plan = p.FindMember("orchestration"); plan != p.MemberEnd()) {
    if (context.task.workflow_id != incident.id ||
        optional_string(p, "workflow_id") != incident.id) {
      throw bad_payload("workflow_id", "the incident's id, as is the envelope's workflow_id");
    }
    incident.orchestration = json::to_text(plan->value);
    if (!context.task.submitted_at.empty()) incident.submitted_at = context.task.submitted_at;
  }
  const repo::CreatedIncident created =
      referring([&] { return repo::insert_incident(*context.transaction, incident); });
  escalation.begin(context, incident.id, created.escalation_wait);
  announce_created(context, incident);
  return json::string_object({{"id", incident.id}, {"short_id", created.short_id}});
}

std::string move(repo::Move move, TaskContext& context) {
  const rapidjson::Value& p = context.payload;
  const repo::MoveRequest request{
      required_string(p, "id"), context.task.submitted_by, optional_string(p, "message"),
      optional_string(p, "resolution_note"), optional_string(p, "root_cause")};
  const auto outcome = repo::move_incident(*context.transaction, move, request);
  switch (outcome.kind) {
    case repo::MoveOutcome::Kind::kMoved:
      announce_moved(context, move, request.incident_id);
      return outcome.answer_json;
    case repo::MoveOutcome::Kind::kNotFound:
      throw caller_error(FailureKind::kNotFound, "Incident not found.");
    case repo::MoveOutcome::Kind::kRefused:
      break;
  }
  const char* verb = move == repo::Move::kAcknowledge ? "acknowledged"
                     : move == repo::Move::kMitigate  ? "mitigated"
                                                      : "resolved";
  std::string status = outcome.status;
  std::transform(status.begin(), status.end(), status.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  throw caller_error(FailureKind::kConflict,
                     status == verb || status == "resolved"
                         ? "Incident is already " + status + "."
                         : "Incident is " + status + " and cannot be " + verb + ".");
}

std::string add_comment(TaskContext& context) {
  const rapidjson::Value& p = context.payload;
  const repo::NewComment comment{required_string(p, "comment_id"), required_string(p, "id"),
                                 required_string(p, "content"), required_string(p, "comment_type"),
                                 context.task.submitted_by};
  auto stored = repo::insert_comment(*context.transaction, comment);
  if (!stored) throw caller_error(FailureKind::kNotFound, "Incident not found.");
  return *stored;
}

std::string add_tags(TaskContext& context) {
  const rapidjson::Value& p = context.payload;
  const auto names = optional_strings(p, "tags");
  if (!names) throw bad_payload("tags", "an array of strings");
  auto tags = repo::add_tags(*context.transaction, required_string(p, "id"), *names,
                             context.task.submitted_by);
  if (!tags) throw caller_error(FailureKind::kNotFound, "Incident not found.");
  return *tags;
}

}  // namespace

void IncidentTasks::add_to(Dispatcher& dispatcher, const WorkerContext& context) {
  dispatcher.add(kinds::kCreateIncident,
                 context_handler("An incident with this id exists.",
                                 [escalation = EscalationStart(context.services)](TaskContext& c) {
                                   return create_incident(c, escalation);
                                 }));
  dispatcher.add(kinds::kAcknowledgeIncident, context_handler("", [](TaskContext& c) {
                   return move(repo::Move::kAcknowledge, c);
                 }));
  dispatcher.add(kinds::kMitigateIncident, context_handler("", [](TaskContext& c) {
                   return move(repo::Move::kMitigate, c);
                 }));
  dispatcher.add(kinds::kResolveIncident,
                 context_handler("", [](TaskContext& c) { return move(repo::Move::kResolve, c); }));
  dispatcher.add(kinds::kAddComment,
                 context_handler("A comment with this id exists.", add_comment));
  dispatcher.add(kinds::kAddTags, context_handler("", add_tags));
}

}  // namespace switchyard::workers::incidents
