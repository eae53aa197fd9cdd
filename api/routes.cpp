#include "routes.hpp"

#include "handlers/platform/service_list.hpp"
#include "handlers/platform/worker_list.hpp"
#include "handlers/system/api_docs.hpp"
#include "handlers/system/health_check.hpp"
#include "handlers/system/metrics_endpoint.hpp"
#include "handlers/tasks/dead_letters.hpp"
#include "handlers/tasks/task_cancellation.hpp"
#include "handlers/tasks/task_queries.hpp"
#include "handlers/tasks/task_submission.hpp"

namespace switchyard::api {

using Pistache::Http::Method;

std::vector<Route> make_routes(const Handlers& h) {
  auto bind = [](auto& object, auto member) {
    return [&object, member](RequestContext& context) { (object.*member)(context); };
  };
  // clang-format off
  return {
      // method        path                           guard           handler
      {Method::Post, "/api/v1/tasks",                 Guard::kApiKey, bind(h.task_submission, &TaskSubmission::handle)},
      {Method::Get,  "/api/v1/tasks",                 Guard::kApiKey, bind(h.task_queries, &TaskQueries::list)},
      {Method::Get,  "/api/v1/tasks/stats",           Guard::kApiKey, bind(h.task_queries, &TaskQueries::stats)},
      {Method::Get,  "/api/v1/tasks/:id",             Guard::kApiKey, bind(h.task_queries, &TaskQueries::get)},
      {Method::Post, "/api/v1/tasks/:id/cancel",      Guard::kApiKey, bind(h.task_cancellation, &TaskCancellation::handle)},
      {Method::Get,  "/api/v1/dead-letters",          Guard::kApiKey, bind(h.dead_letters, &DeadLetters::list)},
      {Method::Post, "/api/v1/dead-letters/replay",   Guard::kAdmin,  bind(h.dead_letters, &DeadLetters::replay_all)},
      {Method::Post, "/api/v1/dead-letters/:id/replay", Guard::kAdmin, bind(h.dead_letters, &DeadLetters::replay)},
      {Method::Get,  "/api/v1/services",              Guard::kApiKey, bind(h.services, &ServiceList::handle)},
      {Method::Get,  "/api/v1/workers",               Guard::kApiKey, bind(h.workers, &WorkerList::handle)},
      {Method::Get,  "/health",                       Guard::kPublic, bind(h.health, &HealthCheck::handle)},
      {Method::Get,  "/metrics",                      Guard::kPublic, bind(h.metrics, &MetricsEndpoint::handle)},
      {Method::Get,  "/openapi.json",                 Guard::kPublic, bind(h.docs, &ApiDocs::openapi)},
      {Method::Get,  "/docs",                         Guard::kPublic, bind(h.docs, &ApiDocs::swagger_ui)},
      {Method::Get,  "/redoc",                        Guard::kPublic, bind(h.docs, &ApiDocs::redoc)},
      {Method::Get,  "/docs/assets/:file",            Guard::kPublic, bind(h.docs, &ApiDocs::asset)},
  };
  // clang-format on
}

}  // namespace switchyard::api
