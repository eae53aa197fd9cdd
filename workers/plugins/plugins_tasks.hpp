#pragma once
// The worker module of plugins (docs/plugins.md): the internal service `plugins`.
// install, reload, enable, disable and uninstall write the plugins table in the
// window's transaction (and the files under PLUGINS_DIR); run executes one action
// of an exec plugin (PluginRun). The service runs in a pool of its own
// (services.yaml `pool: plugins`), so a slow plugin never holds other services.
// Failures: an unknown plugin is not_found (404), an id or route taken, a missing
// dependency or a dependent still active is a conflict (409), the exec runtime
// turned off is not_configured (409), a manifest or source refused is validation
// (422; the API answers a source it cannot read 400).
#include "domain/plugins/plugins_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::plugins {

class PluginsTasks {
 public:
  static constexpr auto& kKinds = kinds::plugins::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

}  // namespace switchyard::workers::plugins
