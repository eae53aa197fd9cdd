#include "storage/incidents/impact_scopes_repository.hpp"

namespace switchyard::storage::incidents {
namespace {

constexpr const char* kScopeJson =
    "jsonb_build_object('id', s.id, 'name', s.name, 'description', s.description, "
    "'created_at', rfc3339(s.created_at), 'updated_at', rfc3339(s.updated_at))::text";

constexpr const char* kScopeWhere =
    " FROM incident_impact_scopes s"
    " WHERE ($1::text IS NULL OR strpos(lower(s.name), lower($1)) > 0)";

}  // namespace

std::optional<std::string> find_impact_scope_json(pqxx::transaction_base& tx,
                                                  const std::string& id) {
  return first_text(tx.exec_params(
      std::string("SELECT ") + kScopeJson + " FROM incident_impact_scopes s WHERE s.id = $1::uuid",
      id));
}

JsonPage list_impact_scopes(pqxx::transaction_base& tx, const CatalogFilter& filter) {
  return json_page(tx.exec_params(std::string("SELECT count(*)") + kScopeWhere, filter.search),
                   tx.exec_params(std::string("SELECT ") + kScopeJson + kScopeWhere +
                                      " ORDER BY lower(s.name), s.id LIMIT $2 OFFSET $3",
                                  filter.search, filter.limit, filter.offset));
}

bool impact_scope_exists(pqxx::transaction_base& tx, const std::string& id) {
  return !tx.exec_params("SELECT 1 FROM incident_impact_scopes WHERE id = $1::uuid", id).empty();
}

bool impact_scope_name_taken(pqxx::transaction_base& tx, const std::string& name,
                             const std::optional<std::string>& except_id) {
  return !tx.exec_params(
                "SELECT 1 FROM incident_impact_scopes WHERE lower(name) = lower($1) "
                "AND id IS DISTINCT FROM $2::uuid",
                name, except_id)
              .empty();
}

void insert_impact_scope(pqxx::transaction_base& tx, const std::string& payload) {
  tx.exec_params0(
      "INSERT INTO incident_impact_scopes (id, name, description) "
      "SELECT (p->>'id')::uuid, p->>'name', p->>'description' FROM (SELECT $1::jsonb AS p) input",
      payload);
}

bool update_impact_scope(pqxx::transaction_base& tx, const std::string& id,
                         const std::string& payload) {
  return tx.exec_params(
               "UPDATE incident_impact_scopes s SET "
               "  name = CASE WHEN p ? 'name' THEN p->>'name' ELSE s.name END, "
               "  description = CASE WHEN p ? 'description' THEN p->>'description' "
               "                     ELSE s.description END, "
               "  updated_at = now() "
               "FROM (SELECT $2::jsonb AS p) input WHERE s.id = $1::uuid",
               id, payload)
             .affected_rows() == 1;
}

bool delete_impact_scope(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM incident_impact_scopes WHERE id = $1::uuid", id)
             .affected_rows() == 1;
}

}  // namespace switchyard::storage::incidents
