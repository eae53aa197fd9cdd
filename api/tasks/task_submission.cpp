#include "tasks/task_submission.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>

#include "amqp/delay_queues.hpp"
#include "domain/task_status.hpp"
#include "envelope/task_id.hpp"
#include "envelope/timestamp.hpp"
#include "logging/log_context.hpp"
#include "storage/tasks/task_repository.hpp"
#include "tasks/submission_policy.hpp"
#include "tasks/task_callback.hpp"
#include "tasks/task_delay.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
using PublishKind = amqp::PublishOutcome::Kind;

std::string field_error(std::string_view field, std::string_view message) {
  return fmt::format(R"([{{"field":"{}","message":"{}"}}])", field, message);
}

std::string accepted_body(const std::string& id, const std::string& service,
                          const std::string& action, const std::optional<std::string>& run_at) {
  return fmt::format(
      R"({{"id":"{0}","status":"{3}","service":"{1}","action":"{2}",{4})"
      R"("links":{{"self":"/api/v1/tasks/{0}","cancel":"/api/v1/tasks/{0}/cancel"}}}})",
      id, service, action, run_at ? "scheduled" : "queued",
      run_at ? fmt::format(R"("run_at":"{}",)", *run_at) : std::string());
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// True when the stored task view shows a final status.
bool parse_view(const std::string& json) {
  rapidjson::Document view;
  view.Parse(json.c_str());
  if (view.HasParseError() || !view.IsObject() || !view.HasMember("status")) return false;
  const auto status = domain::parse_task_status(view["status"].GetString());
  return status && domain::is_final(*status);
}

int int_or(const rapidjson::Document& doc, const char* key, int fallback) {
  auto it = doc.FindMember(key);
  return it == doc.MemberEnd() ? fallback : it->value.GetInt();
}

}  // namespace

std::optional<std::chrono::milliseconds> preferred_wait(const std::optional<std::string>& prefer,
                                                        std::chrono::seconds max) {
  if (!prefer) return std::nullopt;
  std::string_view rest = *prefer;
  while (!rest.empty()) {
    const auto end = rest.find_first_of(",;");
    std::string_view token = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    // RFC 7240: preference names are case-insensitive; whitespace may surround '='.
    const auto equals = token.find('=');
    if (equals == std::string_view::npos) continue;
    std::string name(trim(token.substr(0, equals)));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name != "wait") continue;
    token = trim(token.substr(equals + 1));
    long long seconds = 0;
    auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), seconds);
    if (ec != std::errc{} || ptr != token.data() + token.size() || seconds < 0) return std::nullopt;
    return std::chrono::milliseconds(std::min<long long>(seconds, max.count()) * 1000);
  }
  return std::nullopt;
}

std::optional<std::string> idempotency_key(const RequestContext& context,
                                           const rapidjson::Document& body) {
  std::optional<std::string> header = context.header("Idempotency-Key");
  std::optional<std::string> field;
  if (auto it = body.FindMember("idempotency_key"); it != body.MemberEnd()) {
    field = std::string(it->value.GetString(), it->value.GetStringLength());
  }
  if (header && (header->empty() || header->size() > 255)) {
    throw AppError(ErrorCode::kValidation, "Idempotency-Key must be 1 to 255 characters",
                   field_error("Idempotency-Key", "must be 1 to 255 characters"));
  }
  if (header && field && *header != *field) {
    throw AppError(ErrorCode::kValidation, "The Idempotency-Key header and idempotency_key differ",
                   field_error("idempotency_key", "differs from the Idempotency-Key header"));
  }
  return header ? header : field;
}

bool TaskSubmission::answer_from_earlier_request(RequestContext& context,
                                                 const envelope::TaskEnvelope& task) {
  std::optional<storage::KeyedTask> earlier;
  try {
    earlier = pool_.read([&](pqxx::read_transaction& tx) {
      return storage::find_keyed_task(tx, task.id, task.service, task.action, task.payload_json);
    });
  } catch (const pqxx::broken_connection&) {
    return false;  // no database: publish; the workers' check still runs it once
  } catch (const db::PoolExhausted&) {
    return false;
  }
  if (!earlier) return false;  // unknown yet, or a request racing this one: same id either way
  if (!earlier->same_request) {
    throw AppError(ErrorCode::kConflict,
                   "This Idempotency-Key was used for a different request (service, action or "
                   "payload)",
                   field_error("idempotency_key", "was used for a different request"));
  }
  const auto view = parse_view(earlier->json);
  context.responder.add_header("Location", "/api/v1/tasks/" + task.id);
  context.responder.add_header("Idempotent-Replayed", "true");
  context.responder.json(view ? Http::Code::Ok : Http::Code::Accepted, earlier->json);
  return true;
}

void TaskSubmission::handle(RequestContext& context) {
  const rapidjson::Document body = schema_.parse(context.request.body(), context.json_limits);
  envelope::TaskEnvelope task;
  task.service = body["service"].GetString();
  task.action = body["action"].GetString();
  const config::ServiceConfig* service = services_.find_service(task.service);
  if (service == nullptr || service->internal) {
    throw AppError(ErrorCode::kValidation, fmt::format("Unknown service \"{}\"", task.service),
                   field_error("service", "is not a configured service"));
  }
  const auto action = service->actions.find(task.action);
  if (action == service->actions.end()) {
    throw AppError(
        ErrorCode::kValidation,
        fmt::format("Unknown action \"{}\" of service \"{}\"", task.action, task.service),
        field_error("action", "is not an action of this service"));
  }
  if (auto payload = body.FindMember("payload"); payload != body.MemberEnd()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    payload->value.Accept(writer);
    task.payload_json.assign(buffer.GetString(), buffer.GetSize());
  }
  task.submitted_at = envelope::now_timestamp();
  task.submitted_by = context.caller_name("");
  task.traceparent = context.trace.header();  // set here: the publisher need not copy
  task.priority = int_or(body, "priority", 0);
  task.max_attempts = int_or(body, "max_attempts", action->second.retry.max_attempts);
  task.timeout_ms = int_or(body, "timeout_ms", action->second.timeout_ms);
  check_submission_policy(context.principal, *service, action->second, task.timeout_ms,
                          task.max_attempts, production_);
  const auto now = std::chrono::system_clock::now();
  const auto start = requested_start(body, now);
  std::string delay_step;
  if (start) {
    task.run_at = envelope::format_timestamp(*start);
    delay_step =
        amqp::delay_hop(std::chrono::duration_cast<std::chrono::milliseconds>(*start - now)).label;
  }
  task.callback_url = callback_url_for(body, context.principal, clients_, callback_allow_private_);
  task.idempotency_key = idempotency_key(context, body);
  if (task.idempotency_key) {
    task.id = envelope::idempotent_task_id(task.submitted_by, *task.idempotency_key);
    if (answer_from_earlier_request(context, task)) return;
  } else {
    task.id = envelope::new_task_id();
  }

  const auto wait = preferred_wait(context.header("Prefer"), max_wait_);
  {
    const logging::LogScope log_scope(task.id, context.trace);
    spdlog::debug("submit task_id={} service={} action={}", task.id, task.service, task.action);
  }
  auto responder = context.answer_later();
  auto answer = [this, responder, id = task.id, service = task.service, action = task.action,
                 run_at = task.run_at](const amqp::PublishOutcome& outcome) {
    switch (outcome.kind) {
      case PublishKind::kReply:
        metrics_.task_published(service);
        responder->add_header("Location", "/api/v1/tasks/" + id);
        responder->json(Http::Code::Ok, outcome.reply_body);
        return;
      case PublishKind::kConfirmed:
      case PublishKind::kWaitTimeout:
        metrics_.task_published(service);
        responder->add_header("Location", "/api/v1/tasks/" + id);
        responder->json(Http::Code::Accepted, accepted_body(id, service, action, run_at));
        return;
      case PublishKind::kFailed:
        metrics_.publish_failed(outcome.reason);
        responder->error(AppError(ErrorCode::kUnavailable,
                                  "The task was not accepted: the message broker is unavailable; "
                                  "retry later",
                                  {}, outcome.reason));
        return;
    }
  };
  publisher_.publish(task, wait, std::move(answer), std::move(delay_step));
}

}  // namespace switchyard::api
