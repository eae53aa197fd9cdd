#include "releases/releases_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api::releases {

OpenapiFragment ReleasesApi::openapi() { return {kName, embedded::kReleasesOpenapi}; }

ReleasesApi::ReleasesApi(ModuleContext& context)
    : settings_(ReleaseSettings::from(context.settings)),
      writer_(context.awaited_writer({})),
      collection_(writer_, settings_),
      views_(context.pool, settings_),
      master_(writer_, context.pool, settings_),
      badges_(context.pool, context.authenticator, context.access) {}

std::vector<RouteRow<ReleasesApi>> ReleasesApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  // clang-format off
  return {
      // method          path                                                       access                    rate   handler
      {Method::Post,   "/api/collect",                                               needs("releases:write"),  kStd,  ROUTE_TO(collection_, collect_cluster)},
      {Method::Put,    "/api/collect/:namespace/:kind/:workload/:container",         needs("releases:write"),  kStd,  ROUTE_TO(collection_, put)},
      {Method::Get,    "/api/releases/current",                                      needs("releases:read"),   kStd,  ROUTE_TO(views_, current)},
      {Method::Get,    "/api/releases/history/:client/:env/:namespace/:workload/:container", needs("releases:read"), kStd, ROUTE_TO(views_, history)},
      {Method::Get,    "/api/clients-environments",                                  needs("releases:read"),   kStd,  ROUTE_TO(master_, clients_environments)},
      {Method::Post,   "/api/ping",                                                  needs("releases:write"),  kStd,  ROUTE_TO(master_, ping)},
      {Method::Get,    "/api/config",                                                authenticated(),          kStd,  ROUTE_TO(master_, app_config)},
      // The key is in the URL (README badges): checked by the handler, which
      // answers a red badge rather than an error page.
      {Method::Get,    "/badges/:key/:client/:env/:kind/:workload/:container",      public_route(),           RateClass::kNone, ROUTE_TO(badges_, get)},
  };
  // clang-format on
}

}  // namespace switchyard::api::releases
