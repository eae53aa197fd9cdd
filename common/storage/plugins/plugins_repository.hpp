#pragma once
// The `plugins` and `plugin_routes` tables (migration 0021): the xcore items of
// /system/plugins, the writes of the `plugins` worker, and the one-row lookups the
// API (a route) and the worker (a run) make on every plugin call.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/plugins/plugin_manifest.hpp"

namespace switchyard::storage::plugins {

using domain::plugins::PluginManifest;

// {"total","items"} by id; items are the xcore list fields.
std::string list_plugins(pqxx::transaction_base& tx, bool active_only);
// The xcore detail (routes as paths, dependencies, loaded_at, last_reload), plus
// runtime, service, generation and the actions.
std::optional<std::string> find_plugin(pqxx::transaction_base& tx, const std::string& id);

struct StoredPlugin {
  PluginManifest manifest;
  bool active = true;
  std::int64_t generation = 0;
};
// Locks the row FOR UPDATE when `lock` (the worker's writes).
std::optional<StoredPlugin> load_plugin(pqxx::transaction_base& tx, const std::string& id,
                                        bool lock = false);

// A manifest route: who serves it and who may call it.
struct RouteTarget {
  std::string plugin_id;
  std::string action;
  std::string permission;
  bool active = true;
  domain::plugins::Runtime runtime = domain::plugins::Runtime::kExec;
  std::string service;
};
std::optional<RouteTarget> find_route(pqxx::transaction_base& tx, const std::string& path);

// The dependencies of `manifest` that are not installed and active, in order.
std::vector<std::string> missing_dependencies(pqxx::transaction_base& tx,
                                              const PluginManifest& manifest);
// Active plugins that depend on `id`.
std::vector<std::string> dependents(pqxx::transaction_base& tx, const std::string& id);

// Throws pqxx::unique_violation when the id or one of its routes is taken. Also
// registers the routes' permissions so that roles can be granted them.
void insert_plugin(pqxx::transaction_base& tx, const PluginManifest& manifest,
                   const std::string& source, const std::string& installed_by);
// A reloaded manifest: its routes replace the old ones; generation + 1.
void replace_manifest(pqxx::transaction_base& tx, const PluginManifest& manifest);
void set_active(pqxx::transaction_base& tx, const std::string& id, bool active);
void delete_plugin(pqxx::transaction_base& tx, const std::string& id);

}  // namespace switchyard::storage::plugins
