#include "storage/tracker/catalog_repository.hpp"

#include "storage/record_sql.hpp"

namespace switchyard::storage::tracker {
namespace {

const std::string kColumns = select_list<CatalogEntry>();

const std::string kUpsertCatalog =
    "INSERT INTO tracker_catalog (" + column_list<CatalogEntry>(Write::kInsert) + ") VALUES (" +
    parameter_list<CatalogEntry>(Write::kInsert) + ") ON CONFLICT (name) DO UPDATE SET " +
    excluded_assignments<CatalogEntry>() + ", updated_at = now()";

const std::string kFindCatalog = "SELECT " + kColumns + " FROM tracker_catalog WHERE name = $1";

const std::string kListCatalog =
    "SELECT " + kColumns + " FROM tracker_catalog ORDER BY name LIMIT $1 OFFSET $2";

}  // namespace

void upsert_catalog(pqxx::transaction_base& tx, const CatalogEntry& entry) {
  exec_record(tx, kUpsertCatalog, entry, Write::kInsert);
}

bool delete_catalog(pqxx::transaction_base& tx, const std::string& name) {
  return tx.exec_params("DELETE FROM tracker_catalog WHERE name = $1", name).affected_rows() == 1;
}

std::optional<CatalogEntry> find_catalog(pqxx::transaction_base& tx, const std::string& name) {
  const pqxx::result rows = tx.exec_params(kFindCatalog, name);
  if (rows.empty()) return std::nullopt;
  return read_record<CatalogEntry>(rows[0]);
}

CatalogPage list_catalog(pqxx::transaction_base& tx, int limit, int offset) {
  CatalogPage page;
  page.total = tx.exec1("SELECT count(*) FROM tracker_catalog")[0].as<std::int64_t>();
  for (const auto& row : tx.exec_params(kListCatalog, limit, offset)) {
    page.entries.push_back(read_record<CatalogEntry>(row));
  }
  return page;
}

}  // namespace switchyard::storage::tracker
