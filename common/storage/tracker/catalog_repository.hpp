#pragma once
// SQL of the tracker catalog (migrations/0005), keyed by name. Rows as JSON
// objects with the column names, like events_repository.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::tracker {

// Creates or replaces the entry named in `row_json` (created_at kept on update).
void upsert_catalog(pqxx::transaction_base& tx, const std::string& row_json);
bool delete_catalog(pqxx::transaction_base& tx, const std::string& name);
std::optional<std::string> find_catalog(pqxx::transaction_base& tx, const std::string& name);

struct CatalogPage {
  std::vector<std::string> rows;  // by name
  std::int64_t total = 0;
};
CatalogPage list_catalog(pqxx::transaction_base& tx, int limit, int offset);

}  // namespace switchyard::storage::tracker
