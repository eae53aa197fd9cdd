#pragma once
// The incident manager's metrics (imas-incidents-api.md, "Endpoints Métriques";
// docs/incidents.md, "Metrics"): summary, weekly trends, top offenders, per-service
// figures and the CSV export, all reads of incidents:read holders.
#include "incidents/incident_export.hpp"
#include "incidents/incident_metrics.hpp"
#include "module.hpp"

namespace switchyard::api::incidents {

class IncidentMetricsApi final : public ApiModuleOf<IncidentMetricsApi> {
 public:
  static constexpr std::string_view kName = "incident_metrics";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<IncidentMetricsApi>> route_rows(const RouteOptions& options);

  explicit IncidentMetricsApi(ModuleContext& context);

 private:
  IncidentMetrics metrics_;
  IncidentExport export_;
};

}  // namespace switchyard::api::incidents
