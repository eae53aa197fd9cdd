#include "console/console_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

OpenapiFragment ConsoleApi::openapi() { return {kName, embedded::kConsoleOpenapi}; }

ConsoleApi::ConsoleApi(ModuleContext& context) : pages_(context.settings.console_assets_dir) {}

std::vector<RouteRow<ConsoleApi>> ConsoleApi::route_rows(const RouteOptions&) {
  using Pistache::Http::Method;
  constexpr auto kNone = RateClass::kNone;
  // Pistache matches one path segment per parameter: the console's files are at
  // most one folder deep (StaticFolder::kMaxDepth).
  // clang-format off
  return {
      // method        path                      access           rate   handler
      {Method::Get,  "/",                        public_route(),  kNone, ROUTE_TO(pages_, index)},
      {Method::Get,  "/static/:file",            public_route(),  kNone, ROUTE_TO(pages_, asset)},
      {Method::Get,  "/static/:folder/:file",    public_route(),  kNone, ROUTE_TO(pages_, asset)},
  };
  // clang-format on
}

}  // namespace switchyard::api
