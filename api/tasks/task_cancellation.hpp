#pragma once
// POST /api/v1/tasks/{id}/cancel — asks for a scheduled, queued or retrying task not to
// run.
// The API does not write PostgreSQL: it checks the task's state (404 unknown, 409
// running or finished), then publishes a confirmed cancellation to the ledger
// queue and answers 202. The listener applies it only while the task is still
// scheduled, queued or retrying, and a worker never runs a cancelled task (cancelled is
// final), so a cancellation that races a worker's start loses cleanly.
#include "amqp/task_publisher.hpp"
#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class TaskCancellation {
 public:
  TaskCancellation(db::ConnectionPool& pool, amqp::TaskPublisher& publisher)
      : pool_(pool), publisher_(publisher) {}

  void handle(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  amqp::TaskPublisher& publisher_;
};

// Publishes `ledger_message` (a cancellation the listener applies) to the ledger
// queue with confirm, then answers 202 {"id", "status": "cancel_requested",
// "links": {"self": self_link}}, or 503 when the broker does not take it.
void request_cancellation(amqp::TaskPublisher& publisher, std::shared_ptr<Responder> responder,
                          std::string ledger_message, const std::string& id,
                          const std::string& self_link);

}  // namespace switchyard::api
