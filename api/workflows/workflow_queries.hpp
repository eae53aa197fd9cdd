#pragma once
// The read side of workflows, straight from PostgreSQL through the pool:
//   GET /api/v1/workflows/{id}  one workflow with its steps (404 when unknown)
//   GET /api/v1/workflows       filters status, since; cursor pages, newest first
// Callers other than admins see only the workflows they submitted.
#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class WorkflowQueries {
 public:
  explicit WorkflowQueries(db::ConnectionPool& pool) : pool_(pool) {}

  void get(RequestContext& context);
  void list(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
};

// Throws AppError(kValidation) unless `id` is a UUID.
void require_workflow_id(const std::string& id);

}  // namespace switchyard::api
