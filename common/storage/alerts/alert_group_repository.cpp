#include "storage/alerts/alert_group_repository.hpp"

namespace switchyard::storage::alerts {
namespace {

// The upsert of a firing alert; `opened` when the row is new (xmax = 0), and the
// status of the incident an existing group names (NULL for a new one). A repeat's
// ALERT entry is written by the same statement: one round trip per repeat, the
// dedup path's whole cost (docs/alerts.md, "Measured"). Not for a new group (its
// incident is written after) nor for one whose incident is resolved (closed below).
constexpr const char* kClaimName = "alerts_claim_group";
constexpr const char* kClaimSql = R"sql(
WITH g AS (
    INSERT INTO incident_alert_groups AS g (source, fingerprint, incident_id)
    VALUES ($1, $2, $3::uuid)
    ON CONFLICT (source, fingerprint) WHERE resolved_at IS NULL
    DO UPDATE SET alert_count = g.alert_count + 1, last_alert_at = now()
    RETURNING g.id, g.incident_id, g.alert_count, (g.xmax = 0) AS opened,
              (SELECT i.status FROM incidents i WHERE i.id = g.incident_id) AS status),
entry AS (
    INSERT INTO incident_timeline (incident_id, type, message, data)
    SELECT incident_id, 'ALERT', format('Alert repeated (%s alerts so far)', alert_count),
           $4::jsonb || jsonb_build_object('alert_count', alert_count)
    FROM g WHERE NOT opened AND status IS DISTINCT FROM 'RESOLVED')
SELECT id, incident_id::text, alert_count, opened, status FROM g
)sql";

constexpr const char* kCloseSql =
    "UPDATE incident_alert_groups SET resolved_at = now() WHERE id = $1";

constexpr const char* kServiceSql = R"sql(
SELECT id::text FROM (
    SELECT id, 1 AS rank FROM incident_services WHERE $1 <> '' AND lower(name) = lower($1)
    UNION ALL
    SELECT id, 2 FROM incident_services WHERE $2 <> '' AND lower(name) = lower($2)
    UNION ALL
    SELECT id, 3 FROM incident_services WHERE lower(name) = lower($3)) s
ORDER BY rank LIMIT 1
)sql";

constexpr const char* kCreateCatchAllSql = R"sql(
INSERT INTO incident_services (id, name, description)
VALUES (gen_random_uuid(), $1, 'Alerts that name no known service (docs/alerts.md)')
ON CONFLICT ((lower(name))) DO NOTHING
)sql";

}  // namespace

AlertGroup claim_alert_group(pqxx::transaction_base& tx, const std::string& source,
                             const std::string& fingerprint, const std::string& candidate_id,
                             const std::string& repeat_data_json) {
  // Prepared on the window's connection at first use (libpqxx registers it once
  // and prepares it on the server lazily): the dedup path runs it once per alert,
  // and parsing and planning it each time was a fifth of its database time.
  tx.conn().prepare(kClaimName, kClaimSql);
  for (int attempt = 0;; ++attempt) {
    const pqxx::row row =
        tx.exec_prepared1(kClaimName, source, fingerprint, candidate_id, repeat_data_json);
    AlertGroup group{row[1].as<std::string>(), row[2].as<std::int64_t>(), row[3].as<bool>()};
    // A group whose incident was resolved by hand no longer absorbs repeats.
    if (group.opened || attempt > 0 || row[4].is_null() || row[4].as<std::string>() != "RESOLVED") {
      return group;
    }
    tx.exec_params0(kCloseSql, row[0].as<std::int64_t>());
  }
}

std::optional<std::string> open_group_incident(pqxx::transaction_base& tx,
                                               const std::string& source,
                                               const std::string& fingerprint, bool close) {
  const auto rows =
      tx.exec_params(close ? "UPDATE incident_alert_groups SET resolved_at = now() "
                             "WHERE source = $1 AND fingerprint = $2 AND resolved_at IS NULL "
                             "RETURNING incident_id::text"
                           : "SELECT incident_id::text FROM incident_alert_groups "
                             "WHERE source = $1 AND fingerprint = $2 AND resolved_at IS NULL",
                     source, fingerprint);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::string alert_service_id(pqxx::transaction_base& tx, const std::string& service,
                             const std::string& default_service, const std::string& catch_all) {
  auto rows = tx.exec_params(kServiceSql, service, default_service, catch_all);
  if (rows.empty()) {
    tx.exec_params0(kCreateCatchAllSql, catch_all);
    rows = tx.exec_params(kServiceSql, service, default_service, catch_all);
  }
  return rows.at(0)[0].as<std::string>();
}

void add_alert_entry(pqxx::transaction_base& tx, const std::string& incident_id,
                     const std::string& message, const std::string& data_json) {
  tx.exec_params0(
      "INSERT INTO incident_timeline (incident_id, type, message, data) "
      "VALUES ($1::uuid, 'ALERT', $2, $3::jsonb)",
      incident_id, message, data_json);
}

}  // namespace switchyard::storage::alerts
