#include "plugins/plugins_tasks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "database_handler.hpp"
#include "envelope/timestamp.hpp"
#include "json/json_fields.hpp"
#include "payload_fields.hpp"
#include "plugins/plugin_queue.hpp"
#include "plugins/plugin_run.hpp"
#include "plugins/plugin_source.hpp"
#include "storage/plugins/plugins_repository.hpp"

namespace switchyard::workers::plugins {
namespace {

namespace fs = std::filesystem;
namespace repo = storage::plugins;
using domain::plugins::ManifestError;
using domain::plugins::PluginManifest;
using domain::plugins::Runtime;

constexpr const char* kTaken = "A plugin with this id, or one of its routes, already exists";
constexpr std::uintmax_t kMaxManifestBytes = 256 << 10;

struct PluginsSettings {
  fs::path dir;
  bool exec_allowed = false;
  std::string broker_url;
};

// A folder removed when it leaves scope unless kept (a failed install's staging).
class Staging {
 public:
  explicit Staging(fs::path path) : path_(std::move(path)) { fs::remove_all(path_); }
  ~Staging() {
    std::error_code ec;
    if (!kept_) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  fs::path path_;
  bool kept_ = false;
};

PluginManifest read_manifest(const fs::path& folder) {
  const fs::path file = folder / "plugin.yaml";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw caller_error(FailureKind::kValidation, "source: holds no plugin.yaml");
  }
  if (fs::file_size(file, ec) > kMaxManifestBytes) {
    throw caller_error(FailureKind::kValidation, "plugin.yaml is larger than 256 KiB");
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return domain::plugins::parse_plugin_manifest(text.str());
  } catch (const ManifestError& e) {
    throw caller_error(FailureKind::kValidation, e.what());
  }
}

// What install and reload refuse in a manifest, whatever its source; a queue
// plugin's queue is declared once it passed.
void check_loadable(pqxx::transaction_base& tx, const PluginManifest& m,
                    const PluginsSettings& settings) {
  if (m.runtime == Runtime::kExec && !settings.exec_allowed) {
    throw caller_error(FailureKind::kNotConfigured,
                       "The exec plugin runtime is turned off (PLUGINS_EXEC=false)");
  }
  const auto missing = repo::missing_dependencies(tx, m);
  if (!missing.empty()) {
    throw caller_error(FailureKind::kConflict,
                       fmt::format("Missing dependency: {} (not installed or disabled)",
                                   fmt::join(missing, ", ")));
  }
  if (m.runtime == Runtime::kQueue) declare_plugin_queue(settings.broker_url, m.service);
}

// A plugin event (docs/plugins.md#events), published by the worker once the
// change is committed: also when the API stopped waiting for it.
std::pair<std::string, std::string> plugin_event(const std::string& event, const std::string& id) {
  return {event,
          json::string_object({{"event", event}, {"id", id}, {"at", envelope::now_timestamp()}})};
}

repo::StoredPlugin locked_plugin(pqxx::transaction_base& tx, const std::string& id) {
  auto stored = repo::load_plugin(tx, id, true);
  if (!stored) throw caller_error(FailureKind::kNotFound, "No such plugin: " + id);
  return std::move(*stored);
}

std::string install(TaskContext& context, const PluginsSettings& settings) {
  auto& tx = *context.transaction;
  const std::string name = required_string(context.payload, "name");
  const std::string source = required_string(context.payload, "source");
  const auto version = optional_string(context.payload, "version");
  if (!domain::plugins::is_plugin_id(name)) {
    throw caller_error(FailureKind::kValidation, "name: must match [a-z0-9][a-z0-9_-]{0,63}");
  }
  if (repo::load_plugin(tx, name)) {
    throw caller_error(FailureKind::kConflict, "Plugin " + name + " is already installed");
  }
  fs::create_directories(settings.dir);
  Staging staging(settings.dir / (".staging-" + context.task.id));
  try {
    fetch_source(source, staging.path());
  } catch (const SourceError& e) {
    throw caller_error(FailureKind::kValidation, std::string("source: ") + e.what());
  }
  const PluginManifest m = read_manifest(staging.path());
  if (m.id != name) {
    throw caller_error(FailureKind::kValidation,
                       fmt::format("name: the manifest's id is {}, not {}", m.id, name));
  }
  if (version && *version != m.version) {
    throw caller_error(FailureKind::kValidation,
                       fmt::format("version: the source holds version {}", m.version));
  }
  check_loadable(tx, m, settings);
  // Installed active: a marker left by an earlier plugin of that service goes.
  if (m.runtime == Runtime::kQueue) set_plugin_queue_paused(settings.broker_url, m.service, false);
  repo::insert_plugin(tx, m, source, context.task.submitted_by);
  context.events.push_back(plugin_event("plugin.loaded", m.id));
  // A folder left by an install whose commit never happened is replaced.
  const fs::path target = settings.dir / m.id;
  fs::remove_all(target);
  fs::rename(staging.path(), target);
  staging.keep();
  return json::string_object(
      {{"id", m.id}, {"status", "installed"}, {"message", "Plugin installed"}});
}

std::string reload(TaskContext& context, const PluginsSettings& settings) {
  auto& tx = *context.transaction;
  const std::string id = required_string(context.payload, "id");
  locked_plugin(tx, id);
  const PluginManifest m = read_manifest(settings.dir / id);
  if (m.id != id) {
    throw caller_error(FailureKind::kValidation,
                       fmt::format("plugin.yaml: its id is now {}, not {}", m.id, id));
  }
  check_loadable(tx, m, settings);
  repo::replace_manifest(tx, m);
  context.events.push_back(plugin_event("plugin.reloaded", id));
  return json::string_object({{"id", id}, {"status", "reloaded"}, {"message", "Plugin reloaded"}});
}

// Enable (dependencies checked again) or disable. A queue plugin's marker changes
// last, just before the commit, so a broker that cannot be reached fails the
// task and changes nothing; plugin.enabled / plugin.disabled follow the commit.
std::string set_enabled(TaskContext& context, const PluginsSettings& settings, bool active) {
  auto& tx = *context.transaction;
  const std::string id = required_string(context.payload, "id");
  const auto stored = locked_plugin(tx, id);
  const PluginManifest& m = stored.manifest;
  if (active) {
    const auto missing = repo::missing_dependencies(tx, m);
    if (!missing.empty()) {
      throw caller_error(FailureKind::kConflict,
                         fmt::format("Missing dependency: {}", fmt::join(missing, ", ")));
    }
  }
  repo::set_active(tx, id, active);
  const bool queue = m.runtime == Runtime::kQueue;
  if (queue) set_plugin_queue_paused(settings.broker_url, m.service, !active);
  const std::string event = active ? "plugin.enabled" : "plugin.disabled";
  context.events.emplace_back(event,
                              json::string_object({{"event", event},
                                                   {"id", id},
                                                   {"runtime", queue ? "queue" : "exec"},
                                                   {"service", queue ? m.service : "plugins"},
                                                   {"at", envelope::now_timestamp()}}));
  // The id was found in the table, so it is a plain name (migration 0021's check).
  return fmt::format(R"({{"id":"{}","active":{}}})", id, active);
}

}  // namespace

void PluginsTasks::add_to(Dispatcher& dispatcher, const WorkerContext& context) {
  const PluginsSettings settings{context.settings.plugins_dir, context.settings.plugins_exec,
                                 context.settings.broker_url};
  dispatcher.add(kinds::plugins::kInstall, context_handler(kTaken, [settings](TaskContext& c) {
                   return install(c, settings);
                 }));
  dispatcher.add(kinds::plugins::kReload, context_handler(kTaken, [settings](TaskContext& c) {
                   return reload(c, settings);
                 }));
  dispatcher.add(kinds::plugins::kEnable, context_handler(kTaken, [settings](TaskContext& c) {
                   return set_enabled(c, settings, true);
                 }));
  dispatcher.add(kinds::plugins::kDisable, context_handler(kTaken, [settings](TaskContext& c) {
                   return set_enabled(c, settings, false);
                 }));
  dispatcher.add(
      kinds::plugins::kUninstall,
      handler(kTaken, [settings](const rapidjson::Value& payload, pqxx::transaction_base& tx) {
        const std::string id = required_string(payload, "id");
        const auto stored = locked_plugin(tx, id);
        const auto users = repo::dependents(tx, id);
        if (!users.empty()) {
          throw caller_error(FailureKind::kConflict,
                             fmt::format("Plugins {} depend on {}", fmt::join(users, ", "), id));
        }
        repo::delete_plugin(tx, id);
        if (stored.manifest.runtime == Runtime::kQueue) {
          set_plugin_queue_paused(settings.broker_url, stored.manifest.service, false);
        }
        fs::remove_all(settings.dir / id);
        return std::string("{}");
      }));
  // Opened on first use: a worker that never runs an exec plugin opens none.
  auto pool = std::make_shared<db::ConnectionPool>(db::PoolOptions{
      context.settings.database_url,
      std::max(1, context.handler_threads(std::string(kinds::plugins::kRun.service))),
      std::chrono::milliseconds(5000),
      context.settings.db_statement_timeout,
      {}});
  dispatcher.add(kinds::plugins::kRun,
                 std::make_unique<PluginRun>(settings.dir, settings.exec_allowed, std::move(pool)));
}

}  // namespace switchyard::workers::plugins
