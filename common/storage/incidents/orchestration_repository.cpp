#include "storage/incidents/orchestration_repository.hpp"

namespace switchyard::storage::incidents {
namespace {

constexpr const char* kStartStep = "orchestration_start_step";
constexpr const char* kRecordChannel = "orchestration_record_channel";
constexpr const char* kRecordIntro = "orchestration_record_intro";
constexpr const char* kFinishWarRoom = "orchestration_finish_war_room";
constexpr const char* kFinishDocument = "orchestration_finish_document";
constexpr const char* kRecordStep = "orchestration_record_step";

// The facts and the "started" entry in one round trip: the INSERT of a
// data-modifying WITH runs once whether or not the SELECT reads it, and inserts
// nothing when the incident does not exist. The on-call is joined LATERAL from
// incident_on_call_rows(), which PostgreSQL inlines into this statement's plan,
// and only when $4 says the step needs it.
constexpr const char* kStartStepSql = R"(
WITH facts AS (
  SELECT i.id, i.short_id, i.title, i.description, i.severity, i.status,
         rfc3339(i.created_at) AS created_at, s.name AS service_name,
         t.name AS team_name, t.slack_channel_id,
         u.id AS on_call_id, u.username AS on_call_username, u.email AS on_call_email,
         i.war_room_channel_id, i.war_room_link, i.lid_link,
         i.war_room_intro_posted_at IS NOT NULL AS intro_posted
    FROM incidents i
    JOIN incident_services s ON s.id = i.service_id
    LEFT JOIN incident_teams t ON t.id = s.owner_team_id
    LEFT JOIN LATERAL (SELECT user_id FROM incident_on_call_rows(t, now())
                        WHERE t.id IS NOT NULL AND $4) oc ON true
    LEFT JOIN users u ON u.id = oc.user_id
   WHERE i.id = $1::uuid),
entry AS (
  INSERT INTO incident_timeline (incident_id, type, message, data)
  SELECT id, 'ORCHESTRATION', $2, $3::jsonb FROM facts)
SELECT id::text, short_id, title, description, severity, status, created_at, service_name,
       team_name, slack_channel_id, on_call_id, on_call_username, on_call_email,
       war_room_channel_id, war_room_link, lid_link, intro_posted
  FROM facts)";

constexpr const char* kRecordChannelSql =
    "UPDATE incidents SET war_room_channel_id = $2, updated_at = now() WHERE id = $1::uuid";

constexpr const char* kRecordIntroSql =
    "UPDATE incidents SET war_room_intro_posted_at = now() WHERE id = $1::uuid";

// The link and its "succeeded" entry in one statement.
constexpr const char* kFinishWarRoomSql = R"(
WITH changed AS (
  UPDATE incidents SET war_room_link = $2, updated_at = now() WHERE id = $1::uuid RETURNING id)
INSERT INTO incident_timeline (incident_id, type, message, data)
SELECT id, 'ORCHESTRATION', $3, $4::jsonb FROM changed)";

constexpr const char* kFinishDocumentSql = R"(
WITH changed AS (
  UPDATE incidents SET lid_link = $2, updated_at = now() WHERE id = $1::uuid RETURNING id)
INSERT INTO incident_timeline (incident_id, type, message, data)
SELECT id, 'ORCHESTRATION', $3, $4::jsonb FROM changed)";

constexpr const char* kRecordStepSql = R"(
INSERT INTO incident_timeline (incident_id, type, message, data)
SELECT id, 'ORCHESTRATION', $2, $3::jsonb FROM incidents WHERE id = $1::uuid)";

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

}  // namespace

void prepare_orchestration_statements(pqxx::connection& connection) {
  connection.prepare(kStartStep, kStartStepSql);
  connection.prepare(kRecordChannel, kRecordChannelSql);
  connection.prepare(kRecordIntro, kRecordIntroSql);
  connection.prepare(kFinishWarRoom, kFinishWarRoomSql);
  connection.prepare(kFinishDocument, kFinishDocumentSql);
  connection.prepare(kRecordStep, kRecordStepSql);
}

std::optional<OrchestrationFacts> start_step(pqxx::transaction_base& tx,
                                             const std::string& incident_id,
                                             const StepEntry& started, bool with_on_call) {
  const pqxx::result rows =
      tx.exec_prepared(kStartStep, incident_id, started.message, started.data_json, with_on_call);
  if (rows.empty()) return std::nullopt;
  const pqxx::row row = rows[0];
  OrchestrationFacts facts;
  facts.incident_id = row[0].as<std::string>();
  facts.short_id = row[1].as<std::string>();
  facts.title = row[2].as<std::string>();
  facts.description = row[3].as<std::string>();
  facts.severity = row[4].as<std::string>();
  facts.status = row[5].as<std::string>();
  facts.created_at = row[6].as<std::string>();
  facts.service_name = row[7].as<std::string>();
  facts.team_name = optional_text(row[8]);
  facts.team_slack_channel_id = optional_text(row[9]);
  if (!row[10].is_null()) {
    facts.on_call = OnCallUser{row[10].as<std::int64_t>(), row[11].as<std::string>(),
                               row[12].as<std::string>()};
  }
  facts.war_room_channel_id = optional_text(row[13]);
  facts.war_room_link = optional_text(row[14]);
  facts.lid_link = optional_text(row[15]);
  facts.war_room_intro_posted = row[16].as<bool>();
  return facts;
}

void record_war_room_channel(pqxx::transaction_base& tx, const std::string& incident_id,
                             const std::string& channel_id) {
  tx.exec_prepared0(kRecordChannel, incident_id, channel_id);
}

void record_war_room_intro(pqxx::transaction_base& tx, const std::string& incident_id) {
  tx.exec_prepared0(kRecordIntro, incident_id);
}

void finish_step(pqxx::transaction_base& tx, const std::string& incident_id, IncidentLink link,
                 const std::string& url, const StepEntry& succeeded) {
  tx.exec_prepared0(link == IncidentLink::kWarRoom ? kFinishWarRoom : kFinishDocument, incident_id,
                    url, succeeded.message, succeeded.data_json);
}

bool record_step(pqxx::transaction_base& tx, const std::string& incident_id,
                 const StepEntry& entry) {
  return tx.exec_prepared0(kRecordStep, incident_id, entry.message, entry.data_json)
             .affected_rows() > 0;
}

}  // namespace switchyard::storage::incidents
