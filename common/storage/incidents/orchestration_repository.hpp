#pragma once
// SQL of an incident's orchestration steps (migrations/0016, docs/incidents.md,
// "Orchestration"): each step writes its progress to the incident's timeline
// (type ORCHESTRATION, no author) and, when it succeeds, its link to the incident.
// Every function is one statement, so it is atomic without a transaction of its
// own: the handlers run them on a pooled connection in a pqxx::nontransaction,
// one round trip each. The statements are prepared on the connection by
// prepare_orchestration_statements.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage::incidents {

struct OnCallUser {
  std::int64_t id = 0;
  std::string username;
  std::string email;
};

// What a step knows of its incident, read as it starts.
struct OrchestrationFacts {
  std::string incident_id;
  std::string short_id;
  std::string title;
  std::string description;
  std::string severity;
  std::string status;
  std::string created_at;  // RFC 3339
  std::string service_name;
  std::optional<std::string> team_name;  // the service's owner team
  std::optional<std::string> team_slack_channel_id;
  std::optional<OnCallUser> on_call;  // the team's on-call now (incident_on_call)
  std::optional<std::string> war_room_channel_id;
  bool war_room_intro_posted = false;  // its first message is in the channel
  std::optional<std::string> war_room_link;
  std::optional<std::string> lid_link;
};

// One timeline entry: its message and its data ({"step", "state", "attempt", ...})
// as JSON text.
struct StepEntry {
  std::string message;
  std::string data_json;
};

// The incident column a step fills.
enum class IncidentLink { kWarRoom, kDocument };

void prepare_orchestration_statements(pqxx::connection& connection);

// Inserts `started` and returns the incident's facts; nullopt, and nothing
// inserted, when no incident has this id. `incident_id` must be a UUID. Without
// `with_on_call`, facts.on_call stays empty (it is the statement's dearest part).
std::optional<OrchestrationFacts> start_step(pqxx::transaction_base& tx,
                                             const std::string& incident_id,
                                             const StepEntry& started, bool with_on_call);

// The war room's Slack channel, kept as soon as it exists so that a retry invites
// into it instead of creating another.
void record_war_room_channel(pqxx::transaction_base& tx, const std::string& incident_id,
                             const std::string& channel_id);

// The war room's first message was posted: kept at once, so that a retry does not
// post it again (Slack's chat.postMessage has no idempotency key).
void record_war_room_intro(pqxx::transaction_base& tx, const std::string& incident_id);

// Sets the incident's `link` column and inserts `succeeded`, together.
void finish_step(pqxx::transaction_base& tx, const std::string& incident_id, IncidentLink link,
                 const std::string& url, const StepEntry& succeeded);

// Inserts `entry` (failed, skipped, or a succeeded without a link); false when no
// incident has this id.
bool record_step(pqxx::transaction_base& tx, const std::string& incident_id,
                 const StepEntry& entry);

}  // namespace switchyard::storage::incidents
