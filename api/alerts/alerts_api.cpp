#include "alerts/alerts_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api::alerts {

OpenapiFragment AlertsApi::openapi() { return {kName, embedded::kAlertsOpenapi}; }

AlertsApi::AlertsApi(ModuleContext& context)
    : writer_(context.awaited_writer({})),
      intake_(writer_, context.publisher, context.access, context.services,
              AlertSources::load(context.settings)) {}

std::vector<RouteRow<AlertsApi>> AlertsApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kHook = RateClass::kWebhook;
  constexpr auto kImas = ErrorStyle::kImas;
  const Access source = public_route();  // the source's secret, checked by the intake
  // Each path answers with and without its trailing slash.
  // clang-format off
  return {
      // method        path                                  access  rate   handler                            errors
      {Method::Post, "/api/v1/webhooks/alertmanager/",     source, kHook, ROUTE_TO(intake_, alertmanager),   kImas},
      {Method::Post, "/api/v1/webhooks/grafana/",          source, kHook, ROUTE_TO(intake_, grafana),        kImas},
      {Method::Post, "/api/v1/webhooks/datadog/",          source, kHook, ROUTE_TO(intake_, datadog),        kImas},
      {Method::Post, "/api/v1/webhooks/generic/",          source, kHook, ROUTE_TO(intake_, generic),        kImas},
      {Method::Post, "/api/v1/webhooks/events/v2/",        source, kHook, ROUTE_TO(intake_, events_v2),      kImas},
  };
  // clang-format on
}

}  // namespace switchyard::api::alerts
