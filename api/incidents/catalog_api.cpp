#include "incidents/catalog_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api::incidents {

OpenapiFragment CatalogApi::openapi() { return {kName, embedded::kCatalogOpenapi}; }

CatalogApi::CatalogApi(ModuleContext& context)
    : writer_(context.awaited_writer({})),
      writes_(writer_, context.pool, context.settings.public_url),
      services_(writes_),
      escalation_policies_(writes_),
      teams_(writes_),
      on_call_(writes_),
      impact_scopes_(writes_),
      runbooks_(writes_),
      tags_(writes_) {}

std::vector<RouteRow<CatalogApi>> CatalogApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  constexpr auto kImas = ErrorStyle::kImas;
  const Access read = needs("incidents:read");
  const Access admin = needs("incidents:admin");
  // clang-format off
  return {
      // method          path                                                 access rate  handler                                   errors
      // The slash matters: GET /api/v1/services (none) is the task platform's list.
      {Method::Get,    "/api/v1/services/",                                   read,  kStd, ROUTE_TO(services_, list),                kImas},
      {Method::Post,   "/api/v1/services/",                                   admin, kStd, ROUTE_TO(services_, create),              kImas},
      {Method::Get,    "/api/v1/services/:id/",                               read,  kStd, ROUTE_TO(services_, get),                 kImas},
      {Method::Patch,  "/api/v1/services/:id/",                               admin, kStd, ROUTE_TO(services_, patch),               kImas},
      {Method::Put,    "/api/v1/services/:id/",                               admin, kStd, ROUTE_TO(services_, replace),             kImas},
      {Method::Delete, "/api/v1/services/:id/",                               admin, kStd, ROUTE_TO(services_, remove),              kImas},
      {Method::Get,    "/api/v1/services/:id/escalation-policy/",             read,  kStd, ROUTE_TO(escalation_policies_, get),     kImas},
      {Method::Put,    "/api/v1/services/:id/escalation-policy/",             admin, kStd, ROUTE_TO(escalation_policies_, replace), kImas},
      {Method::Delete, "/api/v1/services/:id/escalation-policy/",             admin, kStd, ROUTE_TO(escalation_policies_, remove),  kImas},
      {Method::Get,    "/api/v1/teams/",                                      read,  kStd, ROUTE_TO(teams_, list),                   kImas},
      {Method::Post,   "/api/v1/teams/",                                      admin, kStd, ROUTE_TO(teams_, create),                 kImas},
      {Method::Get,    "/api/v1/teams/:id/",                                  read,  kStd, ROUTE_TO(teams_, get),                    kImas},
      {Method::Patch,  "/api/v1/teams/:id/",                                  admin, kStd, ROUTE_TO(teams_, patch),                  kImas},
      {Method::Put,    "/api/v1/teams/:id/",                                  admin, kStd, ROUTE_TO(teams_, replace),                kImas},
      {Method::Delete, "/api/v1/teams/:id/",                                  admin, kStd, ROUTE_TO(teams_, remove),                 kImas},
      {Method::Get,    "/api/v1/teams/:id/on-call/",                          read,  kStd, ROUTE_TO(on_call_, at),                   kImas},
      {Method::Post,   "/api/v1/teams/:id/overrides/",                        admin, kStd, ROUTE_TO(on_call_, create_override),      kImas},
      {Method::Delete, "/api/v1/teams/:id/overrides/:override_id/",           admin, kStd, ROUTE_TO(on_call_, remove_override),      kImas},
      {Method::Get,    "/api/v1/impact-scopes/",                              read,  kStd, ROUTE_TO(impact_scopes_, list),           kImas},
      {Method::Post,   "/api/v1/impact-scopes/",                              admin, kStd, ROUTE_TO(impact_scopes_, create),         kImas},
      {Method::Get,    "/api/v1/impact-scopes/:id/",                          read,  kStd, ROUTE_TO(impact_scopes_, get),            kImas},
      {Method::Patch,  "/api/v1/impact-scopes/:id/",                          admin, kStd, ROUTE_TO(impact_scopes_, patch),          kImas},
      {Method::Put,    "/api/v1/impact-scopes/:id/",                          admin, kStd, ROUTE_TO(impact_scopes_, replace),        kImas},
      {Method::Delete, "/api/v1/impact-scopes/:id/",                          admin, kStd, ROUTE_TO(impact_scopes_, remove),         kImas},
      {Method::Get,    "/api/v1/runbooks/",                                   read,  kStd, ROUTE_TO(runbooks_, list),                kImas},
      {Method::Post,   "/api/v1/runbooks/",                                   admin, kStd, ROUTE_TO(runbooks_, create),              kImas},
      {Method::Get,    "/api/v1/runbooks/:id/",                               read,  kStd, ROUTE_TO(runbooks_, get),                 kImas},
      {Method::Patch,  "/api/v1/runbooks/:id/",                               admin, kStd, ROUTE_TO(runbooks_, patch),               kImas},
      {Method::Put,    "/api/v1/runbooks/:id/",                               admin, kStd, ROUTE_TO(runbooks_, replace),             kImas},
      {Method::Delete, "/api/v1/runbooks/:id/",                               admin, kStd, ROUTE_TO(runbooks_, remove),              kImas},
      {Method::Get,    "/api/v1/tags/",                                       read,  kStd, ROUTE_TO(tags_, list),                    kImas},
      {Method::Post,   "/api/v1/tags/",                                       admin, kStd, ROUTE_TO(tags_, create),                  kImas},
      {Method::Get,    "/api/v1/tags/:id/",                                   read,  kStd, ROUTE_TO(tags_, get),                     kImas},
      {Method::Patch,  "/api/v1/tags/:id/",                                   admin, kStd, ROUTE_TO(tags_, patch),                   kImas},
      {Method::Delete, "/api/v1/tags/:id/",                                   admin, kStd, ROUTE_TO(tags_, remove),                  kImas},
  };
  // clang-format on
}

}  // namespace switchyard::api::incidents
