#include "tasks/tasks_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

OpenapiFragment TasksApi::openapi() {
  return {kName, embedded::kTasksOpenapi, {{"TaskSubmission", embedded::kTaskSubmission}}};
}

TasksApi::TasksApi(ModuleContext& context)
    : submission_(context.services, context.clients, context.publisher, context.pool,
                  context.metrics, embedded::kTaskSubmission, context.settings.max_wait,
                  context.settings.production, context.settings.callback_allow_private),
      queries_(context.pool),
      cancellation_(context.pool, context.publisher),
      dead_letters_(context.pool, context.publisher, context.services, queries_),
      inspector_({context.settings.broker_url, "switchyard-api-inspector"}),
      services_(context.services, inspector_),
      workers_(context.pool) {}

std::vector<RouteRow<TasksApi>> TasksApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/api/v1/tasks",                         needs("tasks:write"),           kStd,  ROUTE_TO(submission_, handle)},
      {Method::Get,    "/api/v1/tasks",                         needs("tasks:read"),            kStd,  ROUTE_TO(queries_, list)},
      {Method::Get,    "/api/v1/tasks/stats",                   needs("tasks:read"),            kStd,  ROUTE_TO(queries_, stats)},
      {Method::Get,    "/api/v1/tasks/throughput",              needs("tasks:read"),            kStd,  ROUTE_TO(queries_, throughput)},
      {Method::Get,    "/api/v1/tasks/:id",                     needs("tasks:read"),            kStd,  ROUTE_TO(queries_, get)},
      {Method::Post,   "/api/v1/tasks/:id/cancel",              needs("tasks:cancel"),          kStd,  ROUTE_TO(cancellation_, handle)},
      {Method::Get,    "/api/v1/dead-letters",                  needs("dead_letters:read"),     kStd,  ROUTE_TO(dead_letters_, list)},
      {Method::Post,   "/api/v1/dead-letters/replay",           needs("dead_letters:replay"),   kStd,  ROUTE_TO(dead_letters_, replay_all)},
      {Method::Post,   "/api/v1/dead-letters/:id/replay",       needs("dead_letters:replay"),   kStd,  ROUTE_TO(dead_letters_, replay)},
      {Method::Get,    "/api/v1/services",                      needs("services:read"),         kStd,  ROUTE_TO(services_, handle)},
      {Method::Get,    "/api/v1/workers",                       needs("workers:read"),          kStd,  ROUTE_TO(workers_, handle)},
  };
  // clang-format on
}

}  // namespace switchyard::api
