#pragma once
// The task platform (AsyncTaskAPI): tasks, dead letters, services and workers.
#include "amqp/queue_inspector.hpp"
#include "module.hpp"
#include "tasks/dead_letters.hpp"
#include "tasks/service_list.hpp"
#include "tasks/task_cancellation.hpp"
#include "tasks/task_queries.hpp"
#include "tasks/task_submission.hpp"
#include "tasks/worker_list.hpp"

namespace switchyard::api {

class TasksApi final : public ApiModuleOf<TasksApi> {
 public:
  static constexpr std::string_view kName = "tasks";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<TasksApi>> route_rows(const RouteOptions& options);

  explicit TasksApi(ModuleContext& context);

 private:
  TaskSubmission submission_;
  TaskQueries queries_;
  TaskCancellation cancellation_;
  DeadLetters dead_letters_;
  amqp::QueueInspector inspector_;
  ServiceList services_;
  WorkerList workers_;
};

}  // namespace switchyard::api
