#include "storage/incidents/tag_names_repository.hpp"

namespace switchyard::storage::incidents {
namespace {

constexpr const char* kTagJson =
    "jsonb_build_object('id', g.id, 'name', g.name, 'color', g.color, "
    "'created_at', rfc3339(g.created_at))::text";

constexpr const char* kTagWhere =
    " FROM incident_tag_names g"
    " WHERE ($1::text IS NULL OR strpos(lower(g.name), lower($1)) > 0)";

}  // namespace

std::optional<std::string> find_tag_json(pqxx::transaction_base& tx, const std::string& id) {
  return first_text(tx.exec_params(
      std::string("SELECT ") + kTagJson + " FROM incident_tag_names g WHERE g.id = $1::uuid", id));
}

JsonPage list_tags(pqxx::transaction_base& tx, const CatalogFilter& filter) {
  return json_page(tx.exec_params(std::string("SELECT count(*)") + kTagWhere, filter.search),
                   tx.exec_params(std::string("SELECT ") + kTagJson + kTagWhere +
                                      " ORDER BY lower(g.name), g.id LIMIT $2 OFFSET $3",
                                  filter.search, filter.limit, filter.offset));
}

bool tag_exists(pqxx::transaction_base& tx, const std::string& id) {
  return !tx.exec_params("SELECT 1 FROM incident_tag_names WHERE id = $1::uuid", id).empty();
}

bool tag_name_taken(pqxx::transaction_base& tx, const std::string& name,
                    const std::optional<std::string>& except_id) {
  return !tx.exec_params(
                "SELECT 1 FROM incident_tag_names WHERE lower(name) = lower($1) "
                "AND id IS DISTINCT FROM $2::uuid",
                name, except_id)
              .empty();
}

void insert_tag(pqxx::transaction_base& tx, const std::string& payload) {
  tx.exec_params0(
      "INSERT INTO incident_tag_names (id, name, color) "
      "SELECT (p->>'id')::uuid, p->>'name', p->>'color' FROM (SELECT $1::jsonb AS p) input",
      payload);
}

bool update_tag(pqxx::transaction_base& tx, const std::string& id, const std::string& payload) {
  return tx.exec_params(
               "UPDATE incident_tag_names g SET "
               "  name = CASE WHEN p ? 'name' THEN p->>'name' ELSE g.name END, "
               "  color = CASE WHEN p ? 'color' THEN p->>'color' ELSE g.color END "
               "FROM (SELECT $2::jsonb AS p) input WHERE g.id = $1::uuid",
               id, payload)
             .affected_rows() == 1;
}

bool delete_tag(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM incident_tag_names WHERE id = $1::uuid", id).affected_rows() ==
         1;
}

}  // namespace switchyard::storage::incidents
