#pragma once
// The incident's members of every request to the on-call notifier, the
// orchestration's notify step's (notify_on_call.cpp) and each escalation
// level's (escalate_incident.cpp), so that a notifier reads one shape:
// incident_id, short_id, title, description, severity, status, service,
// created_at and link (docs/incidents.md, "Orchestration" and "Escalation").
// `Facts` is any of the repositories' views of an incident that name these.
#include <string>

#include "json/json_fields.hpp"

namespace switchyard::workers::incidents {

template <class Facts>
void write_notified_incident(json::Writer& w, const std::string& incident_id, const Facts& facts,
                             const std::string& link) {
  json::string_field(w, "incident_id", incident_id);
  json::string_field(w, "short_id", facts.short_id);
  json::string_field(w, "title", facts.title);
  json::string_field(w, "description", facts.description);
  json::string_field(w, "severity", facts.severity);
  json::string_field(w, "status", facts.status);
  json::string_field(w, "service", facts.service_name);
  json::string_field(w, "created_at", facts.created_at);
  json::string_field(w, "link", link);
}

}  // namespace switchyard::workers::incidents
