// The release tracker (release-tracker-api.md): collection, current and history
// views, master coordination, configuration and badges.
#include "handlers/releases/badges.hpp"
#include "handlers/releases/collection.hpp"
#include "handlers/releases/master.hpp"
#include "handlers/releases/release_views.hpp"
#include "routes/route_parts.hpp"

namespace switchyard::api {

std::vector<RouteSpec> release_routes(const RouteOptions& /*options*/) {
  // clang-format off
  return {
      // method          path                                                       access                    rate   handler
      {Method::Post,   "/api/collect",                                               needs("releases:write"),  kStd,  CALL(collection, collect_cluster)},
      {Method::Put,    "/api/collect/:namespace/:kind/:workload/:container",         needs("releases:write"),  kStd,  CALL(collection, put)},
      {Method::Get,    "/api/releases/current",                                      needs("releases:read"),   kStd,  CALL(release_views, current)},
      {Method::Get,    "/api/releases/history/:client/:env/:namespace/:workload/:container", needs("releases:read"), kStd, CALL(release_views, history)},
      {Method::Get,    "/api/clients-environments",                                  needs("releases:read"),   kStd,  CALL(master, clients_environments)},
      {Method::Post,   "/api/ping",                                                  needs("releases:write"),  kStd,  CALL(master, ping)},
      {Method::Get,    "/api/config",                                                authenticated(),          kStd,  CALL(master, app_config)},
      // The key is in the URL (README badges): checked by the handler, which
      // answers a red badge rather than an error page.
      {Method::Get,    "/badges/:key/:client/:env/:kind/:workload/:container",      public_route(),           kNone, CALL(badges, get)},
  };
  // clang-format on
}

}  // namespace switchyard::api
