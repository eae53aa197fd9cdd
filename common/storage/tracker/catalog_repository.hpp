#pragma once
// SQL of the tracker catalog (migrations/0005), keyed by name, read and written
// as domain::tracker::CatalogEntry (its fields listed once, by for_each_field).
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/tracker/catalog_entry.hpp"

namespace switchyard::storage::tracker {

using domain::tracker::CatalogEntry;

// Creates or replaces the entry named `entry.name`: every field is replaced, not
// merged; created_at is kept and updated_at set.
void upsert_catalog(pqxx::transaction_base& tx, const CatalogEntry& entry);
bool delete_catalog(pqxx::transaction_base& tx, const std::string& name);
std::optional<CatalogEntry> find_catalog(pqxx::transaction_base& tx, const std::string& name);

struct CatalogPage {
  std::vector<CatalogEntry> entries;  // by name
  std::int64_t total = 0;
};
CatalogPage list_catalog(pqxx::transaction_base& tx, int limit, int offset);

}  // namespace switchyard::storage::tracker
