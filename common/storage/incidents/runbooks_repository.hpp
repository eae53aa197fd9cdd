#pragma once
// SQL of the catalog's runbooks (incident_runbooks) and their ordered steps
// (incident_runbook_steps). The detail is the IMAS document's: {id, title,
// description, service: {id, name} | null, steps: [{id, order, title, description,
// command, expected_duration_minutes, is_critical, requires_confirmation}],
// created_at, updated_at}; a list item has `steps_count` instead of `steps`.
// A write that carries `steps` replaces them all.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "storage/incidents/catalog_rows.hpp"

namespace switchyard::storage::incidents {

struct RunbookFilter : CatalogFilter {  // `search`: in the title
  std::optional<std::string> service;   // a service's UUID
};

std::optional<std::string> find_runbook_json(pqxx::transaction_base& tx, const std::string& id);
// By title, without case.
JsonPage list_runbooks(pqxx::transaction_base& tx, const RunbookFilter& filter);
bool runbook_exists(pqxx::transaction_base& tx, const std::string& id);

// `payload`: {id, title, description, service, steps: [{order, title, description,
// command, expected_duration_minutes, is_critical, requires_confirmation}]}, all
// present. pqxx::foreign_key_violation for a service that is gone.
void insert_runbook(pqxx::transaction_base& tx, const std::string& payload);
// Sets the fields `payload` holds, and replaces every step `with_steps`; false
// when there is no such runbook.
bool update_runbook(pqxx::transaction_base& tx, const std::string& id, const std::string& payload,
                    bool with_steps);
bool delete_runbook(pqxx::transaction_base& tx, const std::string& id);

}  // namespace switchyard::storage::incidents
