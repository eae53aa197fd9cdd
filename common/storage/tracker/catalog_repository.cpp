#include "storage/tracker/catalog_repository.hpp"

namespace switchyard::storage::tracker {
namespace {

constexpr const char* kRowJson =
    "(to_jsonb(c) || jsonb_build_object('created_at', rfc3339(c.created_at), "
    "'updated_at', rfc3339(c.updated_at)))::text";

}  // namespace

void upsert_catalog(pqxx::transaction_base& tx, const std::string& row_json) {
  tx.exec_params0(
      "INSERT INTO tracker_catalog AS c (name, type, languages, owner, version, link, "
      "  description, repository, dependencies_in, dependencies_out, sla_level, "
      "  sla_uptime_percentage, sla_response_time_ms, sla_description) "
      "SELECT x.name, x.type, coalesce(x.languages, 0), coalesce(x.owner, ''), "
      "  coalesce(x.version, ''), coalesce(x.link, ''), coalesce(x.description, ''), "
      "  coalesce(x.repository, ''), coalesce(x.dependencies_in, '{}'), "
      "  coalesce(x.dependencies_out, '{}'), coalesce(x.sla_level, 0), "
      "  coalesce(x.sla_uptime_percentage, 0), coalesce(x.sla_response_time_ms, 0), "
      "  coalesce(x.sla_description, '') "
      "  FROM jsonb_to_record($1::jsonb) AS x(name text, type smallint, languages smallint, "
      "    owner text, version text, link text, description text, repository text, "
      "    dependencies_in text[], dependencies_out text[], sla_level smallint, "
      "    sla_uptime_percentage double precision, sla_response_time_ms integer, "
      "    sla_description text) "
      "ON CONFLICT (name) DO UPDATE SET type = EXCLUDED.type, languages = EXCLUDED.languages, "
      "  owner = EXCLUDED.owner, version = EXCLUDED.version, link = EXCLUDED.link, "
      "  description = EXCLUDED.description, repository = EXCLUDED.repository, "
      "  dependencies_in = EXCLUDED.dependencies_in, dependencies_out = EXCLUDED.dependencies_out,"
      "  sla_level = EXCLUDED.sla_level, sla_uptime_percentage = EXCLUDED.sla_uptime_percentage, "
      "  sla_response_time_ms = EXCLUDED.sla_response_time_ms, "
      "  sla_description = EXCLUDED.sla_description, updated_at = now()",
      row_json);
}

bool delete_catalog(pqxx::transaction_base& tx, const std::string& name) {
  return tx.exec_params("DELETE FROM tracker_catalog WHERE name = $1", name).affected_rows() == 1;
}

std::optional<std::string> find_catalog(pqxx::transaction_base& tx, const std::string& name) {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kRowJson + " FROM tracker_catalog c WHERE name = $1", name);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

CatalogPage list_catalog(pqxx::transaction_base& tx, int limit, int offset) {
  CatalogPage page;
  page.total = tx.exec1("SELECT count(*) FROM tracker_catalog")[0].as<std::int64_t>();
  for (const auto& row :
       tx.exec_params(std::string("SELECT ") + kRowJson +
                          " FROM tracker_catalog c ORDER BY name LIMIT $1 OFFSET $2",
                      limit, offset)) {
    page.rows.push_back(row[0].as<std::string>());
  }
  return page;
}

}  // namespace switchyard::storage::tracker
