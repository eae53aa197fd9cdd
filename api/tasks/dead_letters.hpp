#pragma once
// Dead letters: tasks that ran out of attempts (status `dead`).
//   GET  /api/v1/dead-letters                      list them (filters and pages as tasks)
//   POST /api/v1/dead-letters/{id}/replay          run one again
//   POST /api/v1/dead-letters/replay?service=&action=   run up to 500 of a service again
// A replay publishes the task's next attempt, with as many attempts again as its
// action allows (services.yaml); the worker takes it like any attempt (a dead
// task's status closes its attempt, see docs/protocol.md), so the API still writes
// nothing to PostgreSQL. 202 once the broker confirmed. Replay follows the
// ownership of reading a task (callers other than admins replay only what they
// submitted: 403, and the bulk replay skips the others') and refuses the tasks of
// internal services (403): those writes were checked by their own routes.
#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "db/connection_pool.hpp"
#include "metrics/http_metrics.hpp"
#include "request_context.hpp"
#include "tasks/task_queries.hpp"

namespace switchyard::api {

class DeadLetters {
 public:
  DeadLetters(db::ConnectionPool& pool, amqp::TaskPublisher& publisher,
              const config::ServicesConfig& services, TaskQueries& queries)
      : pool_(pool), publisher_(publisher), services_(services), queries_(queries) {}

  void list(RequestContext& context);
  void replay(RequestContext& context);
  void replay_all(RequestContext& context);

 private:
  // The attempts a replay gets: the action's max_attempts; throws a 409 when the
  // service or action is no longer configured.
  int attempts_for(const std::string& service, const std::string& action) const;

  db::ConnectionPool& pool_;
  amqp::TaskPublisher& publisher_;
  const config::ServicesConfig& services_;
  TaskQueries& queries_;
};

}  // namespace switchyard::api
