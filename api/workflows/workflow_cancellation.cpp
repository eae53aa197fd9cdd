#include "workflows/workflow_cancellation.hpp"

#include <fmt/format.h>

#include "domain/workflows/workflows_kinds.hpp"
#include "http/request_fields.hpp"
#include "storage/workflows/workflow_repository.hpp"
#include "workflows/workflow_queries.hpp"

namespace switchyard::api {

namespace Http = Pistache::Http;
namespace repo = storage::workflows;

void WorkflowCancellation::handle(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_workflow_id(id);
  const auto head =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_workflow_head(tx, id); });
  if (!head) throw AppError(ErrorCode::kNotFound, fmt::format("No workflow {}", id));
  if (context.principal != nullptr && !context.principal->admin &&
      context.principal->name != head->submitted_by) {
    throw AppError(ErrorCode::kForbidden, "This workflow belongs to another caller");
  }
  if (head->status != "running") {
    throw AppError(
        ErrorCode::kConflict,
        fmt::format("Workflow {} is {}: only a running workflow can be cancelled", id, head->status),
        field_error("status", "is " + head->status));
  }
  writer_.write(context.answer_later(), kinds::workflows::kCancel,
                fmt::format(R"({{"workflow_id":"{}"}})", id), context.caller_name(),
                [this, id](Responder& responder, const std::string& /*result*/) {
                  const auto workflow = pool_.read([&](pqxx::read_transaction& tx) {
                    return repo::find_workflow_json(tx, id);
                  });
                  responder.json(Http::Code::Ok, workflow.value_or("{}"));
                });
}

}  // namespace switchyard::api
