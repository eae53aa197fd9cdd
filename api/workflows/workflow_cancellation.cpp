#include "workflows/workflow_cancellation.hpp"

#include <fmt/format.h>

#include "http/request_fields.hpp"
#include "storage/workflows/workflow_repository.hpp"
#include "tasks/task_cancellation.hpp"
#include "tasks/task_queries.hpp"
#include "workflows/workflow_queries.hpp"

namespace switchyard::api {

namespace repo = storage::workflows;

void WorkflowCancellation::handle(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_workflow_id(id);
  const auto head =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_workflow_head(tx, id); });
  if (!head) throw AppError(ErrorCode::kNotFound, fmt::format("No workflow {}", id));
  require_submitter(context.principal, head->submitted_by, "workflow");
  if (head->status != "running") {
    throw AppError(ErrorCode::kConflict,
                   fmt::format("Workflow {} is {}: only a running workflow can be cancelled", id,
                               head->status),
                   field_error("status", "is " + head->status));
  }
  request_cancellation(publisher_, context.answer_later(),
                       fmt::format(R"({{"cancel_workflow":"{}"}})", id), id,
                       "/api/v1/workflows/" + id);
}

}  // namespace switchyard::api
