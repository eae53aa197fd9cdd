#pragma once
// The read side of tasks, straight from PostgreSQL through the pool:
//   GET /api/v1/tasks/{id}     one task (404 when unknown)
//   GET /api/v1/tasks          filters service, action, status, since; cursor pages
//   GET /api/v1/tasks/stats    counts by status and by service
// A database that is down gives 503.
#include "db/connection_pool.hpp"
#include "request_context.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::api {

class TaskQueries {
 public:
  explicit TaskQueries(db::ConnectionPool& pool) : pool_(pool) {}

  void get(RequestContext& context);
  void list(RequestContext& context);
  void stats(RequestContext& context);
  // The listing restricted to one status (dead letters); a `status` parameter is
  // ignored.
  void list_in_status(RequestContext& context, std::string_view status);

 private:
  // Callers other than admins see only the tasks they submitted.
  void list_filtered(RequestContext& context, storage::TaskListFilter filter);

  db::ConnectionPool& pool_;
};

// {"items": [...], "limit", "has_more", "next_cursor"}: a page of a cursor
// listing (tasks, workflows), newest first.
std::string cursor_page_json(const std::vector<std::string>& items_json, int limit,
                             const std::optional<std::string>& next_cursor);

// Throws AppError(kValidation) unless `id` is a UUID.
void require_task_id(const std::string& id);

// 403 unless the caller is an admin or submitted the task (`task_json` its view).
void require_owner(const Principal* principal, const std::string& task_json);

}  // namespace switchyard::api
