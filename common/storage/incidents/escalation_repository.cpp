#include "storage/incidents/escalation_repository.hpp"

#include "security/key_digest.hpp"

namespace switchyard::storage::incidents {

std::optional<std::string> find_escalation_policy_json(pqxx::transaction_base& tx,
                                                       const std::string& service_id) {
  const auto rows = tx.exec_params(R"(
SELECT json_build_object('service', json_build_object('id', s.id, 'name', s.name),
                         'levels', p.levels, 'created_at', rfc3339(p.created_at),
                         'updated_at', rfc3339(p.updated_at))::text
  FROM incident_escalation_policies p JOIN incident_services s ON s.id = p.service_id
 WHERE p.service_id = $1::uuid)",
                                   service_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

void replace_escalation_policy(pqxx::transaction_base& tx, const std::string& service_id,
                               const std::string& levels_json) {
  tx.exec_params(R"(
INSERT INTO incident_escalation_policies (service_id, levels) VALUES ($1::uuid, $2::jsonb)
ON CONFLICT (service_id) DO UPDATE SET levels = excluded.levels, updated_at = now())",
                 service_id, levels_json);
}

bool delete_escalation_policy(pqxx::transaction_base& tx, const std::string& service_id) {
  return tx.exec_params("DELETE FROM incident_escalation_policies WHERE service_id = $1::uuid",
                        service_id)
             .affected_rows() > 0;
}

std::string escalation_task_id(const std::string& incident_id, int level) {
  // A name-based UUID of "<incident>/escalation/<level>": SHA-256's first 128
  // bits with the version (8, RFC 9562's custom) and variant bits set.
  std::string hex = security::sha256_hex(incident_id + "/escalation/" + std::to_string(level));
  hex[12] = '8';
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::optional<EscalationLevel> read_escalation_level(pqxx::transaction_base& tx,
                                                     const std::string& incident_id, int level) {
  // Targets: the owner team's or a named team's on-call now (incident_on_call, the
  // rotation and its overrides), or a person by email (a user's name when known).
  const auto rows = tx.exec_params(R"(
SELECT i.status, i.short_id, i.title, i.description, i.severity, rfc3339(i.created_at), s.name,
       coalesce(jsonb_array_length(p.levels), 0),
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'type', x.t ->> 'type',
                   'team', CASE WHEN tm.id IS NULL THEN NULL
                                ELSE jsonb_build_object('id', tm.id, 'name', tm.name) END,
                   'user', CASE WHEN x.t ->> 'type' = 'user'
                                THEN jsonb_build_object('id', uu.id,
                                                        'username', coalesce(uu.username, x.t ->> 'email'),
                                                        'email', x.t ->> 'email')
                                WHEN oc.id IS NOT NULL
                                THEN jsonb_build_object('id', oc.id, 'username', oc.username,
                                                        'email', oc.email) END) ORDER BY x.n), '[]')::text
          FROM jsonb_array_elements(coalesce(p.levels -> ($2::int - 1) -> 'targets', '[]')) WITH ORDINALITY x(t, n)
          LEFT JOIN incident_teams tm
                 ON tm.id = CASE x.t ->> 'type' WHEN 'owner_on_call' THEN s.owner_team_id
                                                WHEN 'team_on_call' THEN (x.t ->> 'team')::uuid END
          LEFT JOIN users oc ON oc.id = incident_on_call(tm, now())
          LEFT JOIN users uu ON x.t ->> 'type' = 'user' AND lower(uu.email) = lower(x.t ->> 'email')),
       (p.levels -> $2::int ->> 'wait_seconds')::int
  FROM incidents i
  JOIN incident_services s ON s.id = i.service_id
  LEFT JOIN incident_escalation_policies p ON p.service_id = s.id
 WHERE i.id = $1::uuid)",
                                   incident_id, level);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  EscalationLevel out;
  out.status = row[0].as<std::string>();
  out.short_id = row[1].as<std::string>();
  out.title = row[2].as<std::string>();
  out.description = row[3].as<std::string>();
  out.severity = row[4].as<std::string>();
  out.created_at = row[5].as<std::string>();
  out.service_name = row[6].as<std::string>();
  out.levels = row[7].as<int>();
  out.targets_json = row[8].as<std::string>();
  if (!row[9].is_null()) out.next_wait = row[9].as<int>();
  return out;
}

bool record_escalation(pqxx::transaction_base& tx, const std::string& incident_id,
                       const std::string& message, const std::string& data_json) {
  return tx.exec_params(R"(
INSERT INTO incident_timeline (incident_id, type, message, author, data)
VALUES ($1::uuid, 'ESCALATION', $2, NULL, $3::jsonb)
ON CONFLICT DO NOTHING)",
                        incident_id, message, data_json)
             .affected_rows() > 0;
}

}  // namespace switchyard::storage::incidents
