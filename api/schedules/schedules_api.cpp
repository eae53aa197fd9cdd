#include "schedules/schedules_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

OpenapiFragment SchedulesApi::openapi() { return {kName, embedded::kSchedulesOpenapi}; }

SchedulesApi::SchedulesApi(ModuleContext& context)
    : writer_(context.awaited_writer({})),
      tasks_(writer_, context.publisher, context.pool, context.services) {}

std::vector<RouteRow<SchedulesApi>> SchedulesApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Get,    "/system/tasks",                         needs("schedules:read"),        kStd,  ROUTE_TO(tasks_, list)},
      {Method::Post,   "/system/tasks",                         needs("schedules:write"),       kStd,  ROUTE_TO(tasks_, create)},
      {Method::Get,    "/system/tasks/:task_id",                needs("schedules:read"),        kStd,  ROUTE_TO(tasks_, get)},
      {Method::Put,    "/system/tasks/:task_id",                needs("schedules:write"),       kStd,  ROUTE_TO(tasks_, update)},
      {Method::Delete, "/system/tasks/:task_id",                needs("schedules:write"),       kStd,  ROUTE_TO(tasks_, remove)},
      {Method::Post,   "/system/tasks/:task_id/run",            needs("schedules:write"),       kStd,  ROUTE_TO(tasks_, run)},
      {Method::Post,   "/system/tasks/:task_id/pause",          needs("schedules:write"),       kStd,  ROUTE_TO(tasks_, pause)},
      {Method::Post,   "/system/tasks/:task_id/resume",         needs("schedules:write"),       kStd,  ROUTE_TO(tasks_, resume)},
  };
  // clang-format on
}

}  // namespace switchyard::api
