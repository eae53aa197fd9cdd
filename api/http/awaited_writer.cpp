#include "http/awaited_writer.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include "envelope/internal_task.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
using PublishKind = amqp::PublishOutcome::Kind;

ErrorCode code_of(std::string_view type) {
  if (type == "not_found") return ErrorCode::kNotFound;
  // forbidden: the worker's own check of the caller's rights (e.g. a grant the
  // caller no longer holds) refused the write.
  if (type == "forbidden") return ErrorCode::kForbidden;
  // not_configured: this deployment lacks what the request needs (e.g. a cluster).
  if (type == "conflict" || type == "not_configured") return ErrorCode::kConflict;
  if (type == "validation") return ErrorCode::kUnprocessable;
  // upstream_*: a remote service the handler called (a Kubernetes API) failed.
  if (type.starts_with("upstream_")) return ErrorCode::kBadGateway;
  return ErrorCode::kInternal;
}

}  // namespace

envelope::TaskEnvelope AwaitedWriter::envelope_for(const std::string& action,
                                                   std::string payload_json,
                                                   const std::string& submitted_by) const {
  envelope::TaskEnvelope task = envelope::internal_task(services_, service_.name, action,
                                                        std::move(payload_json), submitted_by);
  task.redact_payload = service_.redact_payload;
  return task;
}

void AwaitedWriter::write(const std::shared_ptr<Responder>& responder, const std::string& action,
                          std::string payload_json, const std::string& submitted_by,
                          OnSuccess on_success) {
  const envelope::TaskEnvelope task = envelope_for(action, std::move(payload_json), submitted_by);
  auto answer = [this, responder, id = task.id,
                 on_success = std::move(on_success)](const amqp::PublishOutcome& outcome) {
    switch (outcome.kind) {
      case PublishKind::kReply:
        break;
      case PublishKind::kConfirmed:
      case PublishKind::kWaitTimeout:
        // Accepted, not finished yet: the task's link tells the caller where to look.
        responder->add_header("Location", "/api/v1/tasks/" + id);
        responder->json(
            Http::Code::Accepted,
            fmt::format(
                R"({{"id":"{0}","status":"queued","links":{{"self":"/api/v1/tasks/{0}"}}}})", id));
        return;
      case PublishKind::kFailed:
        responder->error(AppError(ErrorCode::kUnavailable,
                                  "The message broker is unavailable; retry later", {},
                                  outcome.reason));
        return;
    }
    rapidjson::Document reply;
    reply.Parse(outcome.reply_body.c_str());
    if (reply.HasParseError() || !reply.IsObject() || !reply.HasMember("status")) {
      responder->error(AppError(ErrorCode::kInternal, "Internal error", {},
                                "unreadable " + service_.name + " reply: " + outcome.reply_body));
      return;
    }
    const std::string status = reply["status"].GetString();
    if (status != "succeeded") {
      std::string type = "internal_error";
      std::string message = "The " + service_.name + " task failed";
      if (auto error = reply.FindMember("error");
          error != reply.MemberEnd() && error->value.IsObject()) {
        if (error->value.HasMember("type")) type = error->value["type"].GetString();
        if (error->value.HasMember("message")) message = error->value["message"].GetString();
      }
      const ErrorCode code = code_of(type);
      responder->error(AppError(code, code == ErrorCode::kInternal ? "Internal error" : message, {},
                                service_.name + " task " + id + " " + status + ": " + message));
      return;
    }
    std::string result = "{}";
    if (auto it = reply.FindMember("result"); it != reply.MemberEnd() && !it->value.IsNull()) {
      result = json::to_text(it->value);
    }
    // Off the publisher's thread: both steps may wait on the database.
    post_answering(blocking_, responder, [this, responder, on_success, result = std::move(result)] {
      if (service_.before_answer) service_.before_answer();
      on_success(*responder, result);
    });
  };
  publisher_.publish(task, wait_, std::move(answer));
}

void AwaitedWriter::write_detached(const std::string& action, std::string payload_json,
                                   const std::string& submitted_by) {
  const envelope::TaskEnvelope task = envelope_for(action, std::move(payload_json), submitted_by);
  publisher_.publish(task, std::nullopt,
                     [service = service_.name, action](const amqp::PublishOutcome& outcome) {
                       if (outcome.kind == PublishKind::kFailed) {
                         spdlog::warn("{}.{} not published: {}", service, action, outcome.reason);
                       }
                     });
}

}  // namespace switchyard::api
