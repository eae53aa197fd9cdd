#include "plugins/plugins_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

OpenapiFragment PluginsApi::openapi() { return {kName, embedded::kPluginsOpenapi}; }

PluginsApi::PluginsApi(ModuleContext& context)
    : writer_(context.awaited_writer({})),
      manager_(writer_, context.pool),
      plugin_routes_(writer_, context.pool) {}

std::vector<RouteRow<PluginsApi>> PluginsApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  // Installing, reloading and uninstalling run an admin's choice of code on the
  // workers: plugins:admin, which no seeded role but admin holds.
  // clang-format off
  return {
      // method          path                                   access                     rate   handler
      {Method::Get,    "/system/plugins",                        needs("plugins:read"),     kStd,  ROUTE_TO(manager_, list)},
      {Method::Post,   "/system/plugins",                        needs("plugins:admin"),    kStd,  ROUTE_TO(manager_, install)},
      {Method::Get,    "/system/plugins/:plugin_id",             needs("plugins:read"),     kStd,  ROUTE_TO(manager_, get)},
      {Method::Delete, "/system/plugins/:plugin_id",             needs("plugins:admin"),    kStd,  ROUTE_TO(manager_, uninstall)},
      {Method::Post,   "/system/plugins/:plugin_id/reload",      needs("plugins:admin"),    kStd,  ROUTE_TO(manager_, reload)},
      {Method::Post,   "/system/plugins/:plugin_id/enable",      needs("plugins:write"),    kStd,  ROUTE_TO(manager_, enable)},
      {Method::Post,   "/system/plugins/:plugin_id/disable",     needs("plugins:write"),    kStd,  ROUTE_TO(manager_, disable)},
  };
  // clang-format on
}

std::optional<Route> PluginsApi::fallback() {
  Route route{RouteSpec{Pistache::Http::Method::Post, "/{plugin route}", public_route(),
                        RateClass::kStandard},
              [this](RequestContext& context) { plugin_routes_.call(context); }};
  return route;
}

}  // namespace switchyard::api
