#include "workflows/workflows_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

OpenapiFragment WorkflowsApi::openapi() {
  return {
      kName, embedded::kWorkflowsOpenapi, {{"WorkflowSubmission", embedded::kWorkflowSubmission}}};
}

WorkflowsApi::WorkflowsApi(ModuleContext& context)
    : submission_(context.services, context.publisher, context.pool, context.metrics,
                  embedded::kWorkflowSubmission,
                  {context.settings.max_wait, context.settings.production,
                   context.settings.workflow_max_steps}),
      queries_(context.pool),
      cancellation_(context.pool, context.publisher) {}

std::vector<RouteRow<WorkflowsApi>> WorkflowsApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  // clang-format off
  return {
      // method          path                                  access                 rate   handler
      {Method::Post,   "/api/v1/workflows",                     needs("tasks:write"),  kStd,  ROUTE_TO(submission_, handle)},
      {Method::Get,    "/api/v1/workflows",                     needs("tasks:read"),   kStd,  ROUTE_TO(queries_, list)},
      {Method::Get,    "/api/v1/workflows/:id",                 needs("tasks:read"),   kStd,  ROUTE_TO(queries_, get)},
      {Method::Post,   "/api/v1/workflows/:id/cancel",          needs("tasks:cancel"), kStd,  ROUTE_TO(cancellation_, handle)},
  };
  // clang-format on
}

}  // namespace switchyard::api
