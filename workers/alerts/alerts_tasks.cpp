// alerts.ingest: one alert, in the window's transaction (docs/alerts.md).
//   trigger      claims the open group of (source, fingerprint): a new group opens
//                the incident (id = the task's id, with its orchestration workflow,
//                which the Completer begins once this commits, as for POST
//                /api/v1/incidents/, and its escalation when its service has a
//                policy); an open one counts a repeat with an ALERT entry and no
//                new incident.
//   resolve      with the source's auto_resolve, closes the group and resolves its
//                incident; without, only records the entry (the group stays open).
//   acknowledge  acknowledges the group's incident (PagerDuty's acknowledge).
// A resolve or acknowledge of a fingerprint without an open group changes nothing.
// Result: {"incident_id": id|null, "outcome":
// opened|repeated|resolved|acknowledged|noted|unmatched}.
#include "alerts/alerts_tasks.hpp"

#include <fmt/format.h>

#include "database_handler.hpp"
#include "incidents/escalation_start.hpp"
#include "incidents/incident_events.hpp"
#include "json/json_fields.hpp"
#include "json/shallow_scan.hpp"
#include "payload_fields.hpp"
#include "storage/alerts/alert_group_repository.hpp"
#include "storage/incidents/incident_repository.hpp"

namespace switchyard::workers::alerts {
namespace incidents_worker = ::switchyard::workers::incidents;
namespace {

namespace groups = storage::alerts;
using incidents_worker::EscalationStart;
namespace incidents = storage::incidents;

std::string result(const std::optional<std::string>& incident_id, std::string_view outcome) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::optional_field(w, "incident_id", incident_id);
  json::string_field(w, "outcome", outcome);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

// The facts of an ALERT timeline entry (a repeat's also gets its alert_count).
std::string entry_data(const rapidjson::Value& p, const std::string& source,
                       const std::string& fingerprint) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "source", source);
  json::string_field(w, "fingerprint", fingerprint);
  if (const auto labels = p.FindMember("labels");
      labels != p.MemberEnd() && labels->value.IsObject()) {
    w.Key("labels");
    labels->value.Accept(w);
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string trigger(TaskContext& context, const std::string& source, const std::string& fingerprint,
                    const EscalationStart& escalation) {
  const rapidjson::Value& p = context.payload;
  auto& tx = *context.transaction;
  const std::string candidate = required_string(p, "id");
  const groups::AlertGroup group = groups::claim_alert_group(tx, source, fingerprint, candidate,
                                                             entry_data(p, source, fingerprint));
  if (!group.opened) return result(group.incident_id, "repeated");
  incidents::NewIncident incident;
  incident.id = candidate;
  incident.title = required_string(p, "title");
  incident.description = optional_string(p, "description").value_or("");
  incident.severity = required_string(p, "severity");
  incident.service_id = groups::alert_service_id(tx, optional_string(p, "service").value_or(""),
                                                 optional_string(p, "default_service").value_or(""),
                                                 required_string(p, "catch_all_service"));
  incident.created_by = context.task.submitted_by;
  // The orchestration, written with the incident and begun by the Completer once
  // this commits; only with the envelope's workflow_id, or nobody would begin it.
  if (const auto plan = p.FindMember("orchestration"); plan != p.MemberEnd()) {
    if (context.task.workflow_id != incident.id) {
      throw bad_payload("orchestration", "sent with the envelope's workflow_id = payload.id");
    }
    incident.orchestration = json::to_text(plan->value);
    if (!context.task.submitted_at.empty()) incident.submitted_at = context.task.submitted_at;
  }
  escalation.begin(context, incident.id, incidents::insert_incident(tx, incident).escalation_wait);
  incidents_worker::announce_created(context, incident);
  groups::add_alert_entry(tx, incident.id, fmt::format("Alert received from {}", source),
                          entry_data(p, source, fingerprint));
  return result(incident.id, "opened");
}

std::string settle(TaskContext& context, const std::string& source, const std::string& fingerprint,
                   bool resolve) {
  const rapidjson::Value& p = context.payload;
  auto& tx = *context.transaction;
  const bool auto_resolve = resolve && required_bool(p, "auto_resolve");
  const auto incident_id = groups::open_group_incident(tx, source, fingerprint, auto_resolve);
  if (!incident_id) return result(std::nullopt, "unmatched");
  if (resolve && !auto_resolve) {
    groups::add_alert_entry(tx, *incident_id,
                            fmt::format("Alert resolved at {} (auto-resolve is off)", source),
                            entry_data(p, source, fingerprint));
    return result(incident_id, "noted");
  }
  groups::add_alert_entry(
      tx, *incident_id,
      fmt::format("Alert {} at {}", resolve ? "resolved" : "acknowledged", source),
      entry_data(p, source, fingerprint));
  incidents::MoveRequest request{*incident_id, context.task.submitted_by, std::nullopt,
                                 std::nullopt, std::nullopt};
  if (resolve) request.resolution_note = fmt::format("Resolved by {}.", source);
  // Refused when the incident is already past that status: nothing more to do.
  const auto move = resolve ? incidents::Move::kResolve : incidents::Move::kAcknowledge;
  if (incidents::move_incident(tx, move, request).kind == incidents::MoveOutcome::Kind::kMoved) {
    incidents_worker::announce_moved(context, move, *incident_id);
  }
  return result(incident_id, resolve ? "resolved" : "acknowledged");
}

std::string ingest_alert(TaskContext& context, const EscalationStart& escalation) {
  const rapidjson::Value& p = context.payload;
  const std::string source = required_string(p, "source");
  const std::string fingerprint = required_string(p, "fingerprint");
  const std::string action = required_string(p, "action");
  if (action == "trigger") return trigger(context, source, fingerprint, escalation);
  if (action == "resolve") return settle(context, source, fingerprint, true);
  if (action == "acknowledge") return settle(context, source, fingerprint, false);
  throw bad_payload("action", "trigger, resolve or acknowledge");
}

// The open group an alert locks: a window takes its alerts in this order.
std::string group_key(std::string_view payload_json) {
  std::string key = json::top_level_string(payload_json, "source").value_or("");
  key.push_back('\0');
  key += json::top_level_string(payload_json, "fingerprint").value_or("");
  return key;
}

}  // namespace

void AlertsTasks::add_to(Dispatcher& dispatcher, const WorkerContext& context) {
  dispatcher.add(kinds::alerts::kIngest,
                 context_handler(
                     "An incident with this id exists.",
                     [escalation = EscalationStart(context.services)](TaskContext& c) {
                       return ingest_alert(c, escalation);
                     },
                     group_key));
}

}  // namespace switchyard::workers::alerts
