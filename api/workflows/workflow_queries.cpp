#include "workflows/workflow_queries.hpp"

#include <fmt/format.h>

#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "storage/workflows/workflow_repository.hpp"
#include "tasks/task_queries.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::workflows;

AppError invalid_query(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kValidation,
                  fmt::format("Invalid query parameter {}: {}", field, message),
                  field_error(field, message));
}

repo::WorkflowListFilter read_filter(const RequestContext& context) {
  repo::WorkflowListFilter filter;
  filter.status = context.query("status");
  if (filter.status && *filter.status != "running" && *filter.status != "succeeded" &&
      *filter.status != "failed" && *filter.status != "cancelled") {
    throw invalid_query("status", "must be one of running, succeeded, failed, cancelled");
  }
  filter.since = context.query("since");
  if (filter.since && !is_iso8601(*filter.since)) {
    throw invalid_query("since", "must be an ISO 8601 date or date-time");
  }
  filter.cursor = context.query("cursor");
  if (filter.cursor && !envelope::is_valid_uuid(*filter.cursor)) {
    throw invalid_query("cursor", "must be the next_cursor of a previous page");
  }
  filter.limit = query_int(context, "limit", 50, 1, 500);
  return filter;
}

}  // namespace

void require_workflow_id(const std::string& id) {
  if (!envelope::is_valid_uuid(id)) {
    throw AppError(ErrorCode::kValidation, "The workflow id must be a UUID",
                   field_error("id", "must be a UUID"));
  }
}

void WorkflowQueries::get(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_workflow_id(id);
  const auto workflow = pool_.read(
      [&](pqxx::read_transaction& tx) { return repo::find_workflow_json(tx, id); });
  if (!workflow) throw AppError(ErrorCode::kNotFound, fmt::format("No workflow {}", id));
  require_owner(context.principal, *workflow);
  context.responder.json(Http::Code::Ok, *workflow);
}

void WorkflowQueries::list(RequestContext& context) {
  repo::WorkflowListFilter filter = read_filter(context);
  if (context.principal != nullptr && !context.principal->admin) {
    filter.submitted_by = context.principal->name;
  }
  const auto page =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::list_workflows(tx, filter); });
  if (!page) throw invalid_query("cursor", "names no workflow: start again without a cursor");
  context.responder.json(Http::Code::Ok,
                         cursor_page_json(page->items_json, filter.limit, page->next_cursor));
}

}  // namespace switchyard::api
