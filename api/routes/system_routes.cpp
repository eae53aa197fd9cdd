// Probes and documentation: health, metrics, the OpenAPI document and its viewers.
#include "routes/route_parts.hpp"

#include "handlers/system/api_docs.hpp"
#include "handlers/system/health_check.hpp"
#include "handlers/system/metrics_endpoint.hpp"

namespace switchyard::api {

std::vector<RouteSpec> system_routes(const RouteOptions& options) {
  const Access metrics_access = options.metrics_public ? public_route() : needs("metrics:read");
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Get,    "/health",                               public_route(),                 kNone, CALL(health, handle)},
      {Method::Get,    "/metrics",                              metrics_access,                 kNone, CALL(metrics, handle)},
      {Method::Get,    "/openapi.json",                         public_route(),                 kNone, CALL(docs, openapi)},
      {Method::Get,    "/swagger.json",                         public_route(),                 kNone, CALL(docs, openapi)},  // the Tracker's path
      {Method::Get,    "/docs",                                 public_route(),                 kNone, CALL(docs, swagger_ui)},
      {Method::Get,    "/redoc",                                public_route(),                 kNone, CALL(docs, redoc)},
      {Method::Get,    "/docs/assets/:file",                    public_route(),                 kNone, CALL(docs, asset)},
  };
  // clang-format on
}

}  // namespace switchyard::api
