// Tracker catalog (tracker-api.md, CatalogService).
#include "routes/route_parts.hpp"

#include "handlers/tracker/catalog.hpp"

namespace switchyard::api {

std::vector<RouteSpec> tracker_catalog_routes(const RouteOptions& options) {
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Put,    "/api/v1alpha1/catalog",                 tracker_write(options, "catalog:write"), kStd,  CALL(catalog, put), kGrpc},
      {Method::Get,    "/api/v1alpha1/catalog",                 tracker_read(options, "catalog:read"),   kStd,  CALL(catalog, get), kGrpc},
      {Method::Delete, "/api/v1alpha1/catalog",                 tracker_write(options, "catalog:write"), kStd,  CALL(catalog, remove), kGrpc},
      {Method::Get,    "/api/v1alpha1/catalogs/list",           tracker_read(options, "catalog:read"),   kStd,  CALL(catalog, list), kGrpc},
  };
  // clang-format on
}

}  // namespace switchyard::api
