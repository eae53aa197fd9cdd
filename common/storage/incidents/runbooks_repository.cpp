#include "storage/incidents/runbooks_repository.hpp"

namespace switchyard::storage::incidents {
namespace {

// The fields of both shapes; each adds its `steps` or `steps_count`.
constexpr const char* kRunbookFields =
    "jsonb_build_object('id', r.id, 'title', r.title, 'description', r.description, "
    "'service', (SELECT jsonb_build_object('id', s.id, 'name', s.name) "
    "            FROM incident_services s WHERE s.id = r.service_id), "
    "'created_at', rfc3339(r.created_at), 'updated_at', rfc3339(r.updated_at))";

constexpr const char* kSteps =
    "jsonb_build_object('steps', coalesce((SELECT jsonb_agg(jsonb_build_object("
    "  'id', st.id, 'order', st.position, 'title', st.title, 'description', st.description, "
    "  'command', st.command, 'expected_duration_minutes', st.expected_duration_minutes, "
    "  'is_critical', st.is_critical, 'requires_confirmation', st.requires_confirmation) "
    "  ORDER BY st.position) FROM incident_runbook_steps st WHERE st.runbook_id = r.id), '[]'))";

constexpr const char* kStepsCount =
    "jsonb_build_object('steps_count', (SELECT count(*) FROM incident_runbook_steps st "
    "                                   WHERE st.runbook_id = r.id))";

// $1 search, $2 service.
constexpr const char* kRunbookWhere =
    " FROM incident_runbooks r"
    " WHERE ($1::text IS NULL OR strpos(lower(r.title), lower($1)) > 0)"
    "   AND ($2::uuid IS NULL OR r.service_id = $2::uuid)";

constexpr const char* kInsertSteps =
    "INSERT INTO incident_runbook_steps (id, runbook_id, position, title, description, command, "
    "  expected_duration_minutes, is_critical, requires_confirmation) "
    "SELECT gen_random_uuid(), $1::uuid, (st->>'order')::int, st->>'title', st->>'description', "
    "       st->>'command', (st->>'expected_duration_minutes')::int, "
    "(st->>'is_critical')::boolean, "
    "       (st->>'requires_confirmation')::boolean "
    "FROM jsonb_array_elements($2::jsonb -> 'steps') st";

void replace_steps(pqxx::transaction_base& tx, const std::string& id, const std::string& payload) {
  tx.exec_params0("DELETE FROM incident_runbook_steps WHERE runbook_id = $1::uuid", id);
  tx.exec_params0(kInsertSteps, id, payload);
}

}  // namespace

std::optional<std::string> find_runbook_json(pqxx::transaction_base& tx, const std::string& id) {
  return first_text(tx.exec_params(std::string("SELECT (") + kRunbookFields + " || " + kSteps +
                                       ")::text FROM incident_runbooks r WHERE r.id = $1::uuid",
                                   id));
}

JsonPage list_runbooks(pqxx::transaction_base& tx, const RunbookFilter& filter) {
  return json_page(
      tx.exec_params(std::string("SELECT count(*)") + kRunbookWhere, filter.search, filter.service),
      tx.exec_params(std::string("SELECT (") + kRunbookFields + " || " + kStepsCount + ")::text" +
                         kRunbookWhere + " ORDER BY lower(r.title), r.id LIMIT $3 OFFSET $4",
                     filter.search, filter.service, filter.limit, filter.offset));
}

bool runbook_exists(pqxx::transaction_base& tx, const std::string& id) {
  return !tx.exec_params("SELECT 1 FROM incident_runbooks WHERE id = $1::uuid", id).empty();
}

void insert_runbook(pqxx::transaction_base& tx, const std::string& payload) {
  const std::string id =
      tx.exec_params1(
            "INSERT INTO incident_runbooks (id, title, description, service_id) "
            "SELECT (p->>'id')::uuid, p->>'title', p->>'description', (p->>'service')::uuid "
            "FROM (SELECT $1::jsonb AS p) input RETURNING id",
            payload)[0]
          .as<std::string>();
  tx.exec_params0(kInsertSteps, id, payload);
}

bool update_runbook(pqxx::transaction_base& tx, const std::string& id, const std::string& payload,
                    bool with_steps) {
  const bool updated = tx.exec_params(
                             "UPDATE incident_runbooks r SET "
                             "  title = CASE WHEN p ? 'title' THEN p->>'title' ELSE r.title END, "
                             "  description = CASE WHEN p ? 'description' THEN p->>'description' "
                             "                     ELSE r.description END, "
                             "  service_id = CASE WHEN p ? 'service' THEN (p->>'service')::uuid "
                             "ELSE r.service_id END, "
                             "  updated_at = now() "
                             "FROM (SELECT $2::jsonb AS p) input WHERE r.id = $1::uuid",
                             id, payload)
                           .affected_rows() == 1;
  if (updated && with_steps) replace_steps(tx, id, payload);
  return updated;
}

bool delete_runbook(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM incident_runbooks WHERE id = $1::uuid", id).affected_rows() ==
         1;
}

}  // namespace switchyard::storage::incidents
