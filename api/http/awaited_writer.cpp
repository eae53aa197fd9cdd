#include "http/awaited_writer.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include "domain/failure_kind.hpp"
#include "envelope/internal_task.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
using PublishKind = amqp::PublishOutcome::Kind;

ErrorCode code_of(std::string_view type) {
  const auto kind = domain::parse_failure_kind(type);
  if (!kind) return ErrorCode::kInternal;
  switch (*kind) {
    case domain::FailureKind::kNotFound:
      return ErrorCode::kNotFound;
    // The worker's own check of the caller's rights (e.g. a grant the caller no
    // longer holds) refused the write.
    case domain::FailureKind::kForbidden:
      return ErrorCode::kForbidden;
    // not_configured: this deployment lacks what the request needs (e.g. a cluster).
    case domain::FailureKind::kConflict:
    case domain::FailureKind::kNotConfigured:
      return ErrorCode::kConflict;
    case domain::FailureKind::kValidation:
      return ErrorCode::kUnprocessable;
    // A remote service the handler called (a Kubernetes API) failed.
    case domain::FailureKind::kUpstreamUnavailable:
    case domain::FailureKind::kUpstreamRefused:
      return ErrorCode::kBadGateway;
    case domain::FailureKind::kInternalError:
    case domain::FailureKind::kTimeout:
    case domain::FailureKind::kNoHandler:
    case domain::FailureKind::kBadPayload:
    case domain::FailureKind::kRequestedFailure:
      return ErrorCode::kInternal;
  }
  return ErrorCode::kInternal;
}

}  // namespace

void answer_queued(Responder& responder, const std::string& task_id) {
  // Accepted, not finished yet: the task's link tells the caller where to look.
  responder.add_header("Location", "/api/v1/tasks/" + task_id);
  responder.json(
      Http::Code::Accepted,
      fmt::format(R"({{"id":"{0}","status":"queued","links":{{"self":"/api/v1/tasks/{0}"}}}})",
                  task_id));
}

envelope::TaskEnvelope AwaitedWriter::task_for(domain::TaskKind kind, std::string payload_json,
                                               const std::string& submitted_by) const {
  envelope::TaskEnvelope task =
      envelope::internal_task(services_, kind, std::move(payload_json), submitted_by);
  task.redact_payload = service_.redact_payload;
  return task;
}

void AwaitedWriter::write(const std::shared_ptr<Responder>& responder, domain::TaskKind kind,
                          std::string payload_json, const std::string& submitted_by,
                          OnSuccess on_success) {
  submit(kind, std::move(payload_json), submitted_by,
         {[responder, on_success = std::move(on_success)](const std::string& result) {
            on_success(*responder, result);
          },
          [responder](const std::string& id) { answer_queued(*responder, id); },
          [responder](const AppError& error) { responder->error(error); }});
}

void AwaitedWriter::submit(domain::TaskKind kind, std::string payload_json,
                           const std::string& submitted_by, WriteCallbacks callbacks) {
  submit(task_for(kind, std::move(payload_json), submitted_by), std::move(callbacks));
}

void AwaitedWriter::submit(const envelope::TaskEnvelope& task, WriteCallbacks callbacks) {
  auto answer = [this, id = task.id, service = task.service,
                 callbacks = std::move(callbacks)](const amqp::PublishOutcome& outcome) {
    switch (outcome.kind) {
      case PublishKind::kReply:
        break;
      case PublishKind::kConfirmed:
      case PublishKind::kWaitTimeout:
        callbacks.queued(id);
        return;
      case PublishKind::kFailed:
        callbacks.failed(AppError(ErrorCode::kUnavailable,
                                  "The message broker is unavailable; retry later", {},
                                  outcome.reason));
        return;
    }
    rapidjson::Document reply;
    reply.Parse(outcome.reply_body.c_str());
    if (reply.HasParseError() || !reply.IsObject() || !reply.HasMember("status")) {
      callbacks.failed(AppError(ErrorCode::kInternal, "Internal error", {},
                                "unreadable " + service + " reply: " + outcome.reply_body));
      return;
    }
    const std::string status = reply["status"].GetString();
    if (status != "succeeded") {
      std::string type = "internal_error";
      std::string message = "The " + service + " task failed";
      if (auto error = reply.FindMember("error");
          error != reply.MemberEnd() && error->value.IsObject()) {
        if (error->value.HasMember("type")) type = error->value["type"].GetString();
        if (error->value.HasMember("message")) message = error->value["message"].GetString();
      }
      const ErrorCode code = code_of(type);
      callbacks.failed(AppError(code, code == ErrorCode::kInternal ? "Internal error" : message, {},
                                service + " task " + id + " " + status + ": " + message));
      return;
    }
    std::string result = "{}";
    if (auto it = reply.FindMember("result"); it != reply.MemberEnd() && !it->value.IsNull()) {
      result = json::to_text(it->value);
    }
    // Off the publisher's thread: both steps may wait on the database.
    post_guarded(
        blocking_,
        [this, stored = callbacks.stored, result = std::move(result)] {
          if (service_.before_answer) service_.before_answer();
          stored(result);
        },
        callbacks.failed);
  };
  publisher_.publish(task, wait_, std::move(answer));
}

void AwaitedWriter::write_detached(domain::TaskKind kind, std::string payload_json,
                                   const std::string& submitted_by) {
  const envelope::TaskEnvelope task = task_for(kind, std::move(payload_json), submitted_by);
  publisher_.publish(task, std::nullopt,
                     [name = kind.routing_key()](const amqp::PublishOutcome& outcome) {
                       if (outcome.kind == PublishKind::kFailed) {
                         spdlog::warn("{} not published: {}", name, outcome.reason);
                       }
                     });
}

}  // namespace switchyard::api
