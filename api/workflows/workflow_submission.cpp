#include "workflows/workflow_submission.hpp"

#include <fmt/format.h>

#include "domain/workflows/workflows_kinds.hpp"
#include "envelope/internal_task.hpp"
#include "envelope/task_id.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/workflows/workflow_repository.hpp"
#include "tasks/task_submission.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
using PublishKind = amqp::PublishOutcome::Kind;

std::string accepted_body(const std::string& id) {
  return fmt::format(
      R"({{"id":"{0}","status":"running",)"
      R"("links":{{"self":"/api/v1/workflows/{0}","cancel":"/api/v1/workflows/{0}/cancel"}}}})",
      id);
}

bool is_running(const std::string& workflow_json) {
  rapidjson::Document view;
  view.Parse(workflow_json.c_str());
  const auto status = view.IsObject() ? view.FindMember("status") : view.MemberEnd();
  return view.IsObject() && status != view.MemberEnd() && status->value == "running";
}

}  // namespace

bool WorkflowSubmission::answer_from_earlier_request(RequestContext& context,
                                                     const envelope::TaskEnvelope& start) {
  std::optional<storage::KeyedTask> earlier;
  std::optional<std::string> workflow;
  try {
    pool_.read([&](pqxx::read_transaction& tx) {
      // The same request makes the same start payload (ids derive from the key).
      earlier =
          storage::find_keyed_task(tx, start.id, start.service, start.action, start.payload_json);
      if (earlier) workflow = storage::workflows::find_workflow_json(tx, start.id);
    });
  } catch (const pqxx::broken_connection&) {
    return false;  // no database: publish; the worker writes the workflow once
  } catch (const db::PoolExhausted&) {
    return false;
  }
  if (!earlier) return false;
  if (!earlier->same_request) {
    throw AppError(ErrorCode::kConflict, "This Idempotency-Key was used for a different workflow",
                   R"([{"field":"idempotency_key","message":"was used for a different request"}])");
  }
  context.responder.add_header("Location", "/api/v1/workflows/" + start.id);
  context.responder.add_header("Idempotent-Replayed", "true");
  if (!workflow) {
    context.responder.json(Http::Code::Accepted, accepted_body(start.id));
  } else {
    context.responder.json(is_running(*workflow) ? Http::Code::Accepted : Http::Code::Ok,
                           *workflow);
  }
  return true;
}

void WorkflowSubmission::handle(RequestContext& context) {
  const rapidjson::Document body = schema_.parse(context.request.body(), context.json_limits);
  const std::string caller = context.caller_name("");
  const std::optional<std::string> key = idempotency_key(context, body);
  const std::string id =
      key ? envelope::idempotent_task_id("workflow:" + caller, *key) : envelope::new_task_id();
  const WorkflowRules rules{services_, context.principal, options_.production, options_.max_steps};
  envelope::TaskEnvelope start = envelope::internal_task(
      services_, kinds::workflows::kStart, workflow_start_payload(body, id, rules), caller);
  start.id = id;
  start.workflow_id = id;
  start.idempotency_key = key;
  if (key && answer_from_earlier_request(context, start)) return;

  const auto wait = preferred_wait(context.header("Prefer"), options_.max_wait);
  auto responder = context.answer_later();
  publisher_.publish(start, wait, [this, responder, id](const amqp::PublishOutcome& outcome) {
    switch (outcome.kind) {
      case PublishKind::kReply:  // the workflow's end (workflow_announce)
        metrics_.task_published(std::string(kinds::workflows::kService));
        responder->add_header("Location", "/api/v1/workflows/" + id);
        responder->json(Http::Code::Ok, outcome.reply_body);
        return;
      case PublishKind::kConfirmed:
      case PublishKind::kWaitTimeout:
        metrics_.task_published(std::string(kinds::workflows::kService));
        responder->add_header("Location", "/api/v1/workflows/" + id);
        responder->json(Http::Code::Accepted, accepted_body(id));
        return;
      case PublishKind::kFailed:
        metrics_.publish_failed(outcome.reason);
        responder->error(AppError(ErrorCode::kUnavailable,
                                  "The workflow was not accepted: the message broker is "
                                  "unavailable; retry later",
                                  {}, outcome.reason));
        return;
    }
  });
}

}  // namespace switchyard::api
