#pragma once
// POST /api/v1/workflows/{id}/cancel: a running workflow stops publishing steps,
// and its steps not started yet are cancelled (the ones running finish). An
// awaited workflows.cancel task (AwaitedWriter): 200 with the workflow after the
// cancellation, 202 past MAX_WAIT_SECONDS; 404 unknown, 403 another caller's,
// 409 when it is not running any more.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class WorkflowCancellation {
 public:
  WorkflowCancellation(db::ConnectionPool& pool, AwaitedWriter writer)
      : pool_(pool), writer_(std::move(writer)) {}

  void handle(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  AwaitedWriter writer_;
};

}  // namespace switchyard::api
