// The task platform (AsyncTaskAPI): tasks, dead letters, services, workers.
#include "routes/route_parts.hpp"

#include "handlers/platform/service_list.hpp"
#include "handlers/platform/worker_list.hpp"
#include "handlers/tasks/dead_letters.hpp"
#include "handlers/tasks/task_cancellation.hpp"
#include "handlers/tasks/task_queries.hpp"
#include "handlers/tasks/task_submission.hpp"

namespace switchyard::api {

std::vector<RouteSpec> task_routes(const RouteOptions& /*options*/) {
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/api/v1/tasks",                         needs("tasks:write"),           kStd,  CALL(task_submission, handle)},
      {Method::Get,    "/api/v1/tasks",                         needs("tasks:read"),            kStd,  CALL(task_queries, list)},
      {Method::Get,    "/api/v1/tasks/stats",                   needs("tasks:read"),            kStd,  CALL(task_queries, stats)},
      {Method::Get,    "/api/v1/tasks/:id",                     needs("tasks:read"),            kStd,  CALL(task_queries, get)},
      {Method::Post,   "/api/v1/tasks/:id/cancel",              needs("tasks:cancel"),          kStd,  CALL(task_cancellation, handle)},
      {Method::Get,    "/api/v1/dead-letters",                  needs("dead_letters:read"),     kStd,  CALL(dead_letters, list)},
      {Method::Post,   "/api/v1/dead-letters/replay",           needs("dead_letters:replay"),   kStd,  CALL(dead_letters, replay_all)},
      {Method::Post,   "/api/v1/dead-letters/:id/replay",       needs("dead_letters:replay"),   kStd,  CALL(dead_letters, replay)},
      {Method::Get,    "/api/v1/services",                      needs("services:read"),         kStd,  CALL(services, handle)},
      {Method::Get,    "/api/v1/workers",                       needs("workers:read"),          kStd,  CALL(workers, handle)},
  };
  // clang-format on
}

}  // namespace switchyard::api
