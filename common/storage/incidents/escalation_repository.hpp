#pragma once
// SQL of escalation (migrations/0028, docs/incidents.md "Escalation"): a service's
// policy as the API shows and writes it (a new incident's first wait is read by
// insert_incident, in its own statement), what a level's task reads as it runs
// (the incident's status and the level's targets resolved to people, the
// on-call by the rotation's own function) and its timeline entries. Each
// function is one statement.
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage::incidents {

// {"service": {"id", "name"}, "levels": [...], "created_at", "updated_at"};
// nullopt when the service has no policy.
std::optional<std::string> find_escalation_policy_json(pqxx::transaction_base& tx,
                                                       const std::string& service_id);
// Creates or replaces the policy (`levels_json` as validated by the API).
void replace_escalation_policy(pqxx::transaction_base& tx, const std::string& service_id,
                               const std::string& levels_json);
// False when the service had none.
bool delete_escalation_policy(pqxx::transaction_base& tx, const std::string& service_id);

// The task id of an incident's escalation level: derived from both, so that every
// publisher of one level (a redelivered creation, a retried level) names the same
// task, which runs once.
std::string escalation_task_id(const std::string& incident_id, int level);

// What level `level` (1-based) of an incident's escalation reads as it runs.
struct EscalationLevel {
  std::string status;  // the incident's
  std::string short_id;
  std::string title;
  std::string description;
  std::string severity;
  std::string created_at;  // RFC 3339
  std::string service_name;
  int levels = 0;  // the policy's levels now (0: no policy any more)
  // The level's targets, resolved: [{"type", "team": {"id","name"}|null,
  // "user": {"id","username","email"}|null}] ("[]" past the last level).
  std::string targets_json = "[]";
  std::optional<int> next_wait;  // the next level's wait_seconds, if there is one
};
// nullopt when no incident has this id (a UUID).
std::optional<EscalationLevel> read_escalation_level(pqxx::transaction_base& tx,
                                                     const std::string& incident_id, int level);

// An ESCALATION entry without author; `data_json` holds "state" ("notified",
// "stopped", "skipped", "ended") and "level". Written once per incident, state and
// level (a redelivered level writes nothing); false when it already was.
bool record_escalation(pqxx::transaction_base& tx, const std::string& incident_id,
                       const std::string& message, const std::string& data_json);

}  // namespace switchyard::storage::incidents
