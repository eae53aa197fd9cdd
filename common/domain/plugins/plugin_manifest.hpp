#pragma once
// PluginManifest: a plugin's plugin.yaml (docs/plugins.md#manifest), parsed and
// checked whole. Pure: no I/O. parse_plugin_manifest throws ManifestError naming
// the field (and the YAML line) for anything it refuses: unknown keys, an id that
// is not a plain name (no slash, no dot), text with control characters or past its
// length, an api_prefix under a core path, a route outside the api_prefix or
// naming an unknown action, an exec action without a command.
// to_json is the normalised manifest the plugins table keeps; parse_stored reads
// it back (the API and the workers read plugins from the table, never the file).
#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::domain::plugins {

class ManifestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Runtime { kExec, kQueue };
std::string_view to_string(Runtime runtime);

struct PluginAction {
  std::vector<std::string> command;         // exec: argv, run without a shell
  std::int64_t timeout_ms = 30'000;         // exec: killed past it
  std::int64_t max_output_bytes = 1 << 20;  // exec: stdout past it fails the task
};

struct PluginRoute {
  std::string path;        // POST path, under api_prefix
  std::string action;      // an action of `actions`
  std::string permission;  // resource:action the caller must hold
};

struct PluginManifest {
  std::string id;  // [a-z0-9][a-z0-9_-]{0,63}
  std::string name;
  std::string version;
  std::string author;
  std::string description;
  std::vector<std::string> tags;
  std::string api_prefix;  // /erp/crm
  Runtime runtime = Runtime::kExec;
  // queue: the service whose queue the plugin's own worker consumes, always
  // plugin_… (plugin_<id> unless given); exec: the tasks are plugins.run.
  std::string service;
  std::vector<std::string> dependencies;  // ids of plugins that must be installed and active
  std::map<std::string, PluginAction> actions;
  std::vector<PluginRoute> routes;

  std::string to_json() const;
};

// The first path segments plugins may not use: every core surface's.
bool is_reserved_prefix(std::string_view api_prefix);
bool is_plugin_id(std::string_view id);

PluginManifest parse_plugin_manifest(const std::string& yaml_text);
PluginManifest parse_stored_manifest(const rapidjson::Value& json);

}  // namespace switchyard::domain::plugins
