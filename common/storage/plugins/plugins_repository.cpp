#include "storage/plugins/plugins_repository.hpp"

#include <rapidjson/document.h>

namespace switchyard::storage::plugins {
namespace {

// The xcore item of a list: its manifest's public fields and the row's state.
constexpr const char* kItem =
    "jsonb_build_object('id', p.id, 'name', p.manifest->'name', 'version', p.manifest->'version', "
    "  'author', p.manifest->'author', 'active', p.active, "
    "  'api_prefix', p.manifest->'api_prefix', 'tags', p.manifest->'tags', "
    "  'loaded_at', rfc3339(p.loaded_at))";

void insert_routes(pqxx::transaction_base& tx, const PluginManifest& m) {
  for (const auto& route : m.routes) {
    tx.exec_params0(
        "INSERT INTO plugin_routes (path, plugin_id, action, permission) VALUES ($1, $2, $3, $4)",
        route.path, m.id, route.action, route.permission);
    const auto colon = route.permission.find(':');
    tx.exec_params0(
        "INSERT INTO permissions (name, resource, action, description) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (name) DO NOTHING",
        route.permission, route.permission.substr(0, colon), route.permission.substr(colon + 1),
        "Call routes of plugin " + m.id);
  }
}

}  // namespace

std::string list_plugins(pqxx::transaction_base& tx, bool active_only) {
  return tx
      .exec_params1(std::string("SELECT jsonb_build_object('total', count(*), 'items', "
                                "  coalesce(jsonb_agg(") +
                        kItem +
                        " ORDER BY p.id), '[]'::jsonb))::text "
                        "FROM plugins p WHERE p.active OR NOT $1",
                    active_only)[0]
      .as<std::string>();
}

std::optional<std::string> find_plugin(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT (") + kItem +
          " || jsonb_build_object('description', p.manifest->'description', "
          "  'routes', (SELECT coalesce(jsonb_agg(r->'path'), '[]'::jsonb) "
          "             FROM jsonb_array_elements(p.manifest->'routes') r), "
          "  'dependencies', p.manifest->'dependencies', 'last_reload', rfc3339(p.last_reload), "
          "  'runtime', p.runtime, 'service', p.manifest->'service', "
          "  'actions', p.manifest->'actions', 'generation', p.generation, "
          "  'source', p.source))::text "
          "FROM plugins p WHERE p.id = $1",
      id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<StoredPlugin> load_plugin(pqxx::transaction_base& tx, const std::string& id,
                                        bool lock) {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT manifest::text, active, generation FROM plugins WHERE id = $1") +
          (lock ? " FOR UPDATE" : ""),
      id);
  if (rows.empty()) return std::nullopt;
  rapidjson::Document json;
  json.Parse(rows[0][0].c_str());
  return StoredPlugin{domain::plugins::parse_stored_manifest(json), rows[0][1].as<bool>(),
                      rows[0][2].as<std::int64_t>()};
}

std::optional<RouteTarget> find_route(pqxx::transaction_base& tx, const std::string& path) {
  const pqxx::result rows = tx.exec_params(
      "SELECT r.plugin_id, r.action, r.permission, p.active, p.runtime, "
      "       coalesce(p.manifest->>'service', '') "
      "FROM plugin_routes r JOIN plugins p ON p.id = r.plugin_id WHERE r.path = $1",
      path);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  return RouteTarget{row[0].as<std::string>(),
                     row[1].as<std::string>(),
                     row[2].as<std::string>(),
                     row[3].as<bool>(),
                     row[4].as<std::string>() == "queue" ? domain::plugins::Runtime::kQueue
                                                         : domain::plugins::Runtime::kExec,
                     row[5].as<std::string>()};
}

std::vector<std::string> missing_dependencies(pqxx::transaction_base& tx,
                                              const PluginManifest& manifest) {
  std::vector<std::string> missing;
  for (const auto& dependency : manifest.dependencies) {
    if (tx.exec_params("SELECT 1 FROM plugins WHERE id = $1 AND active", dependency).empty()) {
      missing.push_back(dependency);
    }
  }
  return missing;
}

std::vector<std::string> dependents(pqxx::transaction_base& tx, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& row : tx.exec_params(
           "SELECT id FROM plugins WHERE active AND manifest->'dependencies' ? $1 ORDER BY id",
           id)) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

void insert_plugin(pqxx::transaction_base& tx, const PluginManifest& manifest,
                   const std::string& source, const std::string& installed_by) {
  tx.exec_params0(
      "INSERT INTO plugins (id, manifest, runtime, source, installed_by) "
      "VALUES ($1, $2::jsonb, $3, $4, $5)",
      manifest.id, manifest.to_json(), std::string(to_string(manifest.runtime)), source,
      installed_by);
  insert_routes(tx, manifest);
}

void replace_manifest(pqxx::transaction_base& tx, const PluginManifest& manifest) {
  tx.exec_params0(
      "UPDATE plugins SET manifest = $2::jsonb, runtime = $3, generation = generation + 1, "
      "  last_reload = now() WHERE id = $1",
      manifest.id, manifest.to_json(), std::string(to_string(manifest.runtime)));
  tx.exec_params0("DELETE FROM plugin_routes WHERE plugin_id = $1", manifest.id);
  insert_routes(tx, manifest);
}

void set_active(pqxx::transaction_base& tx, const std::string& id, bool active) {
  tx.exec_params0("UPDATE plugins SET active = $2 WHERE id = $1", id, active);
}

void delete_plugin(pqxx::transaction_base& tx, const std::string& id) {
  tx.exec_params0("DELETE FROM plugins WHERE id = $1", id);
}

}  // namespace switchyard::storage::plugins
