#include "system/system_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

OpenapiFragment SystemApi::openapi() { return {kName, embedded::kSystemOpenapi}; }

SystemApi::SystemApi(ModuleContext& context)
    : health_(context.pool, context.publisher,
              std::string(config::to_string(context.settings.mode)), "."),
      metrics_(context.metrics),
      docs_(std::string(context.openapi_document), context.settings.docs_assets_dir) {}

std::vector<RouteRow<SystemApi>> SystemApi::route_rows(const RouteOptions& options) {
  using Pistache::Http::Method;
  constexpr auto kNone = RateClass::kNone;
  const Access metrics_access = options.metrics_public ? public_route() : needs("metrics:read");
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Get,    "/health",                               public_route(),                 kNone, ROUTE_TO(health_, handle)},
      {Method::Get,    "/metrics",                              metrics_access,                 kNone, ROUTE_TO(metrics_, handle)},
      {Method::Get,    "/openapi.json",                         public_route(),                 kNone, ROUTE_TO(docs_, openapi)},
      {Method::Get,    "/swagger.json",                         public_route(),                 kNone, ROUTE_TO(docs_, openapi)},  // the Tracker's path
      {Method::Get,    "/docs",                                 public_route(),                 kNone, ROUTE_TO(docs_, swagger_ui)},
      {Method::Get,    "/redoc",                                public_route(),                 kNone, ROUTE_TO(docs_, redoc)},
      {Method::Get,    "/core-docs",                            public_route(),                 kNone, ROUTE_TO(docs_, redoc)},  // xcore's path
      {Method::Get,    "/docs/assets/:file",                    public_route(),                 kNone, ROUTE_TO(docs_, asset)},
      // The IMAS document's paths of the same three (its "Documentation Interactive").
      {Method::Get,    "/api/docs/",                            public_route(),                 kNone, ROUTE_TO(docs_, swagger_ui)},
      {Method::Get,    "/api/redoc/",                           public_route(),                 kNone, ROUTE_TO(docs_, redoc)},
      {Method::Get,    "/api/schema/",                          public_route(),                 kNone, ROUTE_TO(docs_, openapi)},
  };
  // clang-format on
}

}  // namespace switchyard::api
