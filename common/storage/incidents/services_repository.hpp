#pragma once
// SQL of the catalog's services (incident_services): the rows as the IMAS
// document shows them ({id, name, description, owner_team: {id, name} | null,
// criticality, runbook_url, created_at, updated_at}) and the incidents.*
// service writes. Names are unique without case (a unique index).
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "storage/incidents/catalog_rows.hpp"

namespace switchyard::storage::incidents {

struct ServiceFilter : CatalogFilter {
  std::optional<std::string> criticality;  // TIER_1_CRITICAL..TIER_4_LOW
  std::optional<std::string> owner_team;   // a team's UUID
};

std::optional<std::string> find_service_json(pqxx::transaction_base& tx, const std::string& id);
// By name, without case.
JsonPage list_services(pqxx::transaction_base& tx, const ServiceFilter& filter);
bool service_exists(pqxx::transaction_base& tx, const std::string& id);
// Another service (not `except_id`) is named `name`, without case.
bool service_name_taken(pqxx::transaction_base& tx, const std::string& name,
                        const std::optional<std::string>& except_id);
// Incidents name the service: it cannot be deleted (incidents.service_id).
bool service_has_incidents(pqxx::transaction_base& tx, const std::string& id);

// `payload`: {id, name, description, owner_team, criticality, runbook_url}, all
// present. Throws pqxx::unique_violation for a taken name,
// pqxx::foreign_key_violation for a team that is gone.
void insert_service(pqxx::transaction_base& tx, const std::string& payload);
// Sets the fields `payload` holds; false when there is no such service.
bool update_service(pqxx::transaction_base& tx, const std::string& id, const std::string& payload);
// False when there is no such service; pqxx::foreign_key_violation when an
// incident names it.
bool delete_service(pqxx::transaction_base& tx, const std::string& id);

}  // namespace switchyard::storage::incidents
