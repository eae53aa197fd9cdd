#pragma once
// The read side of tasks, straight from PostgreSQL through the pool:
//   GET /api/v1/tasks/{id}     one task (404 when unknown)
//   GET /api/v1/tasks          filters service, action, status, since; cursor pages
//   GET /api/v1/tasks/stats    counts by status and by service
//   GET /api/v1/tasks/throughput  tasks ended per minute over the last minutes
// A database that is down gives 503.
#include <optional>
#include <string>
#include <string_view>

#include "db/connection_pool.hpp"
#include "errors/app_error.hpp"
#include "request_context.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::api {

class TaskQueries {
 public:
  explicit TaskQueries(db::ConnectionPool& pool) : pool_(pool) {}

  void get(RequestContext& context);
  void list(RequestContext& context);
  void stats(RequestContext& context);
  void throughput(RequestContext& context);
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

// 403 unless the caller is an admin or `submitted_by` is its name; `what` names
// the thing ("task", "workflow") in the message.
void require_submitter(const Principal* principal, std::string_view submitted_by,
                       std::string_view what);
// The same for a view (`view_json`, a task or a workflow) with its submitted_by.
void require_owner(const Principal* principal, const std::string& view_json,
                   std::string_view what = "task");

// 400 naming a query parameter, in the task API's error format.
AppError invalid_query(std::string_view field, std::string_view message);

// Where a cursor listing (tasks, workflows) starts: `since` (ISO 8601), `cursor`
// (the previous page's next_cursor, a UUID) and `limit` (1–500, 50); 400 naming
// the parameter otherwise.
struct PagePosition {
  std::optional<std::string> since;
  std::optional<std::string> cursor;
  int limit = 50;
};
PagePosition read_page_position(const RequestContext& context);

}  // namespace switchyard::api
