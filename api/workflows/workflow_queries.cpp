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

repo::WorkflowListFilter read_filter(const RequestContext& context) {
  repo::WorkflowListFilter filter;
  filter.status = context.query("status");
  if (filter.status && *filter.status != "running" && *filter.status != "succeeded" &&
      *filter.status != "failed" && *filter.status != "cancelled") {
    throw invalid_query("status", "must be one of running, succeeded, failed, cancelled");
  }
  const PagePosition position = read_page_position(context);
  filter.since = position.since;
  filter.cursor = position.cursor;
  filter.limit = position.limit;
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
  const auto workflow =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_workflow_json(tx, id); });
  if (!workflow) throw AppError(ErrorCode::kNotFound, fmt::format("No workflow {}", id));
  require_owner(context.principal, *workflow, "workflow");
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
