#pragma once
// SQL of the catalog's impact scopes (incident_impact_scopes), which an incident
// names in `impacted_scopes`: {id, name, description, created_at, updated_at},
// names unique without case. Deleting a scope takes it off the incidents it was on.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "storage/incidents/catalog_rows.hpp"

namespace switchyard::storage::incidents {

std::optional<std::string> find_impact_scope_json(pqxx::transaction_base& tx,
                                                  const std::string& id);
// By name, without case.
JsonPage list_impact_scopes(pqxx::transaction_base& tx, const CatalogFilter& filter);
bool impact_scope_exists(pqxx::transaction_base& tx, const std::string& id);
bool impact_scope_name_taken(pqxx::transaction_base& tx, const std::string& name,
                             const std::optional<std::string>& except_id);

// `payload`: {id, name, description}. pqxx::unique_violation for a taken name.
void insert_impact_scope(pqxx::transaction_base& tx, const std::string& payload);
// Sets the fields `payload` holds; false when there is no such scope.
bool update_impact_scope(pqxx::transaction_base& tx, const std::string& id,
                         const std::string& payload);
bool delete_impact_scope(pqxx::transaction_base& tx, const std::string& id);

}  // namespace switchyard::storage::incidents
