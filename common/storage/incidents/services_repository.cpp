#include "storage/incidents/services_repository.hpp"

namespace switchyard::storage::incidents {
namespace {

constexpr const char* kServiceJson =
    "jsonb_build_object('id', s.id, 'name', s.name, 'description', s.description, "
    "'owner_team', (SELECT jsonb_build_object('id', t.id, 'name', t.name) "
    "               FROM incident_teams t WHERE t.id = s.owner_team_id), "
    "'criticality', s.criticality, 'runbook_url', s.runbook_url, "
    "'created_at', rfc3339(s.created_at), 'updated_at', rfc3339(s.updated_at))::text";

// $1 search, $2 criticality, $3 owner team.
constexpr const char* kServiceWhere =
    " FROM incident_services s"
    " WHERE ($1::text IS NULL OR strpos(lower(s.name), lower($1)) > 0)"
    "   AND ($2::text IS NULL OR s.criticality = $2)"
    "   AND ($3::uuid IS NULL OR s.owner_team_id = $3::uuid)";

constexpr const char* kInsertService =
    "INSERT INTO incident_services (id, name, description, owner_team_id, criticality, "
    "runbook_url) "
    "SELECT (p->>'id')::uuid, p->>'name', p->>'description', (p->>'owner_team')::uuid, "
    "       p->>'criticality', p->>'runbook_url' "
    "FROM (SELECT $1::jsonb AS p) input";

constexpr const char* kUpdateService =
    "UPDATE incident_services s SET "
    "  name = CASE WHEN p ? 'name' THEN p->>'name' ELSE s.name END, "
    "  description = CASE WHEN p ? 'description' THEN p->>'description' ELSE s.description END, "
    "  owner_team_id = CASE WHEN p ? 'owner_team' THEN (p->>'owner_team')::uuid "
    "                       ELSE s.owner_team_id END, "
    "  criticality = CASE WHEN p ? 'criticality' THEN p->>'criticality' ELSE s.criticality END, "
    "  runbook_url = CASE WHEN p ? 'runbook_url' THEN p->>'runbook_url' ELSE s.runbook_url END, "
    "  updated_at = now() "
    "FROM (SELECT $2::jsonb AS p) input WHERE s.id = $1::uuid";

}  // namespace

std::optional<std::string> find_service_json(pqxx::transaction_base& tx, const std::string& id) {
  return first_text(tx.exec_params(
      std::string("SELECT ") + kServiceJson + " FROM incident_services s WHERE s.id = $1::uuid",
      id));
}

JsonPage list_services(pqxx::transaction_base& tx, const ServiceFilter& filter) {
  return json_page(tx.exec_params(std::string("SELECT count(*)") + kServiceWhere, filter.search,
                                  filter.criticality, filter.owner_team),
                   tx.exec_params(std::string("SELECT ") + kServiceJson + kServiceWhere +
                                      " ORDER BY lower(s.name), s.id LIMIT $4 OFFSET $5",
                                  filter.search, filter.criticality, filter.owner_team,
                                  filter.limit, filter.offset));
}

bool service_exists(pqxx::transaction_base& tx, const std::string& id) {
  return !tx.exec_params("SELECT 1 FROM incident_services WHERE id = $1::uuid", id).empty();
}

bool service_name_taken(pqxx::transaction_base& tx, const std::string& name,
                        const std::optional<std::string>& except_id) {
  return !tx.exec_params(
                "SELECT 1 FROM incident_services WHERE lower(name) = lower($1) "
                "AND id IS DISTINCT FROM $2::uuid",
                name, except_id)
              .empty();
}

bool service_has_incidents(pqxx::transaction_base& tx, const std::string& id) {
  return !tx.exec_params("SELECT 1 FROM incidents WHERE service_id = $1::uuid LIMIT 1", id).empty();
}

void insert_service(pqxx::transaction_base& tx, const std::string& payload) {
  tx.exec_params0(kInsertService, payload);
}

bool update_service(pqxx::transaction_base& tx, const std::string& id, const std::string& payload) {
  return tx.exec_params(kUpdateService, id, payload).affected_rows() == 1;
}

bool delete_service(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM incident_services WHERE id = $1::uuid", id).affected_rows() ==
         1;
}

}  // namespace switchyard::storage::incidents
