#pragma once
// The alert intake (docs/alerts.md): the monitoring tools' webhooks, which turn
// alerts into incidents through the `alerts` service. Public in the route table:
// each source is authenticated by its own shared secret (config/alerts.yaml),
// not by a platform credential, and rate-limited per source.
#include "alerts/alert_intake.hpp"
#include "module.hpp"

namespace switchyard::api::alerts {

class AlertsApi final : public ApiModuleOf<AlertsApi> {
 public:
  static constexpr std::string_view kName = "alerts";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<AlertsApi>> route_rows(const RouteOptions& options);

  explicit AlertsApi(ModuleContext& context);

 private:
  AwaitedWriter writer_;
  AlertIntake intake_;
};

}  // namespace switchyard::api::alerts
