#include "incidents/incidents_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api::incidents {

OpenapiFragment IncidentsApi::openapi() { return {kName, embedded::kIncidentsOpenapi}; }

IncidentsApi::IncidentsApi(ModuleContext& context)
    : writer_(context.awaited_writer({})),
      reads_(context.pool, context.settings.public_url),
      writes_(writer_, context.pool, context.services) {}

std::vector<RouteRow<IncidentsApi>> IncidentsApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  constexpr auto kImas = ErrorStyle::kImas;
  const Access read = needs("incidents:read");
  const Access write = needs("incidents:write");
  // Each path answers with and without its trailing slash.
  // clang-format off
  return {
      // method        path                                      access  rate  handler                           errors
      {Method::Get,  "/api/v1/incidents/",                      read,   kStd, ROUTE_TO(reads_, list),           kImas},
      {Method::Post, "/api/v1/incidents/",                      write,  kStd, ROUTE_TO(writes_, create),        kImas},
      {Method::Get,  "/api/v1/incidents/:id/",                  read,   kStd, ROUTE_TO(reads_, get),            kImas},
      {Method::Post, "/api/v1/incidents/:id/acknowledge/",      write,  kStd, ROUTE_TO(writes_, acknowledge),   kImas},
      {Method::Post, "/api/v1/incidents/:id/mitigate/",         write,  kStd, ROUTE_TO(writes_, mitigate),      kImas},
      {Method::Post, "/api/v1/incidents/:id/resolve/",          write,  kStd, ROUTE_TO(writes_, resolve),       kImas},
      {Method::Get,  "/api/v1/incidents/:id/comments/",         read,   kStd, ROUTE_TO(reads_, comments),       kImas},
      {Method::Post, "/api/v1/incidents/:id/comments/",         write,  kStd, ROUTE_TO(writes_, comment),       kImas},
      {Method::Post, "/api/v1/incidents/:id/tags/",             write,  kStd, ROUTE_TO(writes_, tag),           kImas},
  };
  // clang-format on
}

}  // namespace switchyard::api::incidents
