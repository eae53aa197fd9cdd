#pragma once
// Plugins: xcore's /system/plugins (docs/plugins.md) and the routes the installed
// plugins' manifests declare (served by the catch-all fallback()).
#include "module.hpp"
#include "plugins/plugin_manager.hpp"
#include "plugins/plugin_routes.hpp"

namespace switchyard::api {

class PluginsApi final : public ApiModuleOf<PluginsApi> {
 public:
  static constexpr std::string_view kName = "plugins";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<PluginsApi>> route_rows(const RouteOptions& options);

  explicit PluginsApi(ModuleContext& context);
  std::optional<Route> fallback() override;

 private:
  AwaitedWriter writer_;
  PluginManager manager_;
  PluginRoutes plugin_routes_;
};

}  // namespace switchyard::api
