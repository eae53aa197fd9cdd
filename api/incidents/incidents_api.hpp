#pragma once
// The incident manager's incidents (imas-incidents-api.md, docs/incidents.md):
// list, create (with its orchestration), detail, the lifecycle moves, comments
// and tags, in the IMAS error format. The catalog and the metrics are modules of
// their own in this folder (catalog_api, incident_metrics_api).
#include "incidents/incident_reads.hpp"
#include "incidents/incident_writes.hpp"
#include "module.hpp"

namespace switchyard::api::incidents {

class IncidentsApi final : public ApiModuleOf<IncidentsApi> {
 public:
  static constexpr std::string_view kName = "incidents";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<IncidentsApi>> route_rows(const RouteOptions& options);

  explicit IncidentsApi(ModuleContext& context);

 private:
  AwaitedWriter writer_;
  IncidentReads reads_;
  IncidentWrites writes_;
};

}  // namespace switchyard::api::incidents
