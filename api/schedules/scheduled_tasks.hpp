#pragma once
// xcore background tasks, /system/tasks (docs/scheduling.md#scheduled-tasks): list
// with skip/limit, create, detail, update, delete, run now, pause, resume.
// Reads go to PostgreSQL. Definitions are checked whole here (422 naming the
// field; the service and action against services.yaml, internal services
// refused), then written by the internal `schedules` service and awaited.
// `run` publishes the schedule's task at once, as the scheduler would, and
// answers when the broker has it: 200 {id, status: running, started_at}.
#include "config/services_config.hpp"
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class ScheduledTasks {
 public:
  ScheduledTasks(AwaitedWriter& writer, amqp::TaskPublisher& publisher, db::ConnectionPool& pool,
                 const config::ServicesConfig& services)
      : writer_(writer), publisher_(publisher), pool_(pool), services_(services) {}

  void list(RequestContext& context);
  void create(RequestContext& context);
  void get(RequestContext& context);
  void update(RequestContext& context);
  void remove(RequestContext& context);
  void run(RequestContext& context);
  void pause(RequestContext& context);
  void resume(RequestContext& context);

 private:
  // The stored item of `id`: 404 when there is none, 409 for a built-in job.
  std::string user_schedule(const std::string& id);
  // Publishes kind with {"id": id}, answering `status` on success.
  void set_state(RequestContext& context, domain::TaskKind kind, const char* status);

  AwaitedWriter& writer_;
  amqp::TaskPublisher& publisher_;
  db::ConnectionPool& pool_;
  const config::ServicesConfig& services_;
};

}  // namespace switchyard::api
