#include "tasks/task_cancellation.hpp"

#include <fmt/format.h>

#include <memory>

#include "amqp/topology.hpp"
#include "domain/task_status.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "storage/tasks/task_repository.hpp"
#include "tasks/task_queries.hpp"

namespace switchyard::api {

namespace Http = Pistache::Http;
using PublishKind = amqp::PublishOutcome::Kind;

void TaskCancellation::handle(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_task_id(id);
  std::optional<std::string> status;
  {
    auto lease = pool_.acquire();
    pqxx::read_transaction tx(*lease);
    status = storage::find_task_status(tx, id);
    if (status && context.principal != nullptr && !context.principal->admin) {
      require_owner(context.principal, storage::find_task_json(tx, id).value_or("{}"));
    }
  }
  if (!status) throw AppError(ErrorCode::kNotFound, fmt::format("No task {}", id));
  if (*status != "scheduled" && *status != "queued" && *status != "retrying") {
    throw AppError(
        ErrorCode::kConflict,
        fmt::format("Task {} is {}: only scheduled, queued or retrying tasks can be cancelled", id,
                    *status),
        fmt::format(R"([{{"field":"status","message":"is {}"}}])", *status));
  }
  request_cancellation(publisher_, context.answer_later(), fmt::format(R"({{"cancel":"{}"}})", id),
                       id, "/api/v1/tasks/" + id);
}

void request_cancellation(amqp::TaskPublisher& publisher, std::shared_ptr<Responder> responder,
                          std::string ledger_message, const std::string& id,
                          const std::string& self_link) {
  publisher.publish_message(
      envelope::new_task_id(), "", amqp::kLedgerQueue, std::move(ledger_message),
      [responder, id, self_link](const amqp::PublishOutcome& outcome) {
        if (outcome.kind == PublishKind::kFailed) {
          responder->error(AppError(ErrorCode::kUnavailable,
                                    "The cancellation was not accepted: the message broker is "
                                    "unavailable; retry later",
                                    {}, outcome.reason));
          return;
        }
        responder->json(Http::Code::Accepted,
                        fmt::format(R"({{"id":"{}","status":"cancel_requested",)"
                                    R"("links":{{"self":"{}"}}}})",
                                    id, self_link));
      });
}

}  // namespace switchyard::api
