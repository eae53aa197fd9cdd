#pragma once
// POST /api/v1/workflows/{id}/cancel: like a task's cancellation, a message on the
// ledger queue ({"cancel_workflow": id}, confirmed), which the listener applies at
// once: the workflow stops publishing steps, its steps not started are
// cancelled (the ones running finish), and workflow.cancelled is announced.
// Answers 202; 404 unknown (also before its start is recorded), 403 another
// caller's, 409 when it is not running any more.
#include "amqp/task_publisher.hpp"
#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class WorkflowCancellation {
 public:
  WorkflowCancellation(db::ConnectionPool& pool, amqp::TaskPublisher& publisher)
      : pool_(pool), publisher_(publisher) {}

  void handle(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  amqp::TaskPublisher& publisher_;
};

}  // namespace switchyard::api
