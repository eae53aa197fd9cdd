#include "storage/incidents/on_call_repository.hpp"

#include "storage/incidents/catalog_rows.hpp"

namespace switchyard::storage::incidents {

std::optional<std::string> find_override_json(pqxx::transaction_base& tx, const std::string& id) {
  return first_text(tx.exec_params(
      "SELECT jsonb_build_object('id', o.id, 'user', " + user_json_sql("o.user_id") +
          ", 'starts_at', rfc3339(o.starts_at), 'ends_at', rfc3339(o.ends_at))::text "
          "FROM incident_on_call_overrides o WHERE o.id = $1::uuid",
      id));
}

bool override_exists(pqxx::transaction_base& tx, const std::string& team_id,
                     const std::string& override_id) {
  return !tx.exec_params(
                "SELECT 1 FROM incident_on_call_overrides WHERE id = $1::uuid AND team_id = "
                "$2::uuid",
                override_id, team_id)
              .empty();
}

std::optional<std::string> on_call_at_json(pqxx::transaction_base& tx, const std::string& team_id,
                                           const std::string& at) {
  return first_text(tx.exec_params(
      "SELECT jsonb_build_object('team', jsonb_build_object('id', t.id, 'name', t.name), "
      "'at', rfc3339($2::timestamptz), "
      "'user', " +
          user_json_sql("incident_on_call(t, $2::timestamptz)") +
          ")::text "
          "FROM incident_teams t WHERE t.id = $1::uuid",
      team_id, at));
}

std::optional<std::string> utc_time(pqxx::dbtransaction& tx, const std::string& text) {
  try {
    pqxx::subtransaction check(tx, "utc_time");
    auto utc = first_text(check.exec_params("SELECT rfc3339($1::timestamptz)", text));
    check.commit();
    return utc;
  } catch (const pqxx::data_exception&) {
    return std::nullopt;
  }
}

void insert_override(pqxx::transaction_base& tx, const std::string& payload) {
  tx.exec_params0(
      "INSERT INTO incident_on_call_overrides (id, team_id, user_id, starts_at, ends_at) "
      "SELECT (p->>'id')::uuid, (p->>'team_id')::uuid, (p->>'user')::bigint, "
      "       (p->>'starts_at')::timestamptz, (p->>'ends_at')::timestamptz "
      "FROM (SELECT $1::jsonb AS p) input",
      payload);
}

bool delete_override(pqxx::transaction_base& tx, const std::string& team_id,
                     const std::string& override_id) {
  return tx.exec_params(
               "DELETE FROM incident_on_call_overrides WHERE id = $1::uuid AND team_id = $2::uuid",
               override_id, team_id)
             .affected_rows() == 1;
}

}  // namespace switchyard::storage::incidents
