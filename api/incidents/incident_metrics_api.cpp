#include "incidents/incident_metrics_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api::incidents {

OpenapiFragment IncidentMetricsApi::openapi() { return {kName, embedded::kIncidentMetricsOpenapi}; }

IncidentMetricsApi::IncidentMetricsApi(ModuleContext& context)
    : metrics_(context.pool), export_(context.pool, context.blocking) {}

std::vector<RouteRow<IncidentMetricsApi>> IncidentMetricsApi::route_rows(
    const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  constexpr auto kImas = ErrorStyle::kImas;
  // clang-format off
  return {
      // method        path                                access                   rate  handler                               errors
      {Method::Get,  "/api/v1/metrics/summary/",         needs("incidents:read"), kStd, ROUTE_TO(metrics_, summary),        kImas},
      {Method::Get,  "/api/v1/metrics/trends/",          needs("incidents:read"), kStd, ROUTE_TO(metrics_, trends),         kImas},
      {Method::Get,  "/api/v1/metrics/top-offenders/",   needs("incidents:read"), kStd, ROUTE_TO(metrics_, top_offenders),  kImas},
      {Method::Get,  "/api/v1/metrics/by-service/",      needs("incidents:read"), kStd, ROUTE_TO(metrics_, by_service),     kImas},
      {Method::Get,  "/api/v1/metrics/export/",          needs("incidents:read"), kStd, ROUTE_TO(export_, csv),             kImas},
  };
  // clang-format on
}

}  // namespace switchyard::api::incidents
