#pragma once
// SQL of the catalog's tags (incident_tag_names): {id, name, color, created_at},
// names unique without case, colors "#rrggbb". An incident's tags (incident_tags)
// point here; deleting a tag takes it off every incident.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "storage/incidents/catalog_rows.hpp"

namespace switchyard::storage::incidents {

std::optional<std::string> find_tag_json(pqxx::transaction_base& tx, const std::string& id);
// By name, without case.
JsonPage list_tags(pqxx::transaction_base& tx, const CatalogFilter& filter);
bool tag_exists(pqxx::transaction_base& tx, const std::string& id);
bool tag_name_taken(pqxx::transaction_base& tx, const std::string& name,
                    const std::optional<std::string>& except_id);

// `payload`: {id, name, color}. pqxx::unique_violation for a taken name.
void insert_tag(pqxx::transaction_base& tx, const std::string& payload);
// Sets the fields `payload` holds; false when there is no such tag.
bool update_tag(pqxx::transaction_base& tx, const std::string& id, const std::string& payload);
bool delete_tag(pqxx::transaction_base& tx, const std::string& id);

}  // namespace switchyard::storage::incidents
