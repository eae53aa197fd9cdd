#include "alerts/alert_intake.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>

#include <atomic>
#include <chrono>

#include "domain/alerts/alert_payloads.hpp"
#include "domain/alerts/alerts_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/json_body.hpp"
#include "incidents/imas_fields.hpp"
#include "incidents/orchestration_plan.hpp"
#include "json/json_fields.hpp"
#include "middleware/access_control.hpp"

namespace switchyard::api::alerts {
namespace {

namespace Http = Pistache::Http;
using domain::alerts::Alert;
using domain::alerts::AlertAction;

// The secret of `Authorization: Bearer <secret>` or `Token <secret>`; "" for none.
std::string authorization_secret(const RequestContext& context) {
  const auto typed = context.request.headers().tryGet<Http::Header::Authorization>();
  if (!typed) return {};
  const std::string value = typed->value();
  for (std::string_view scheme : {"Bearer ", "Token ", "bearer ", "token "}) {
    if (value.rfind(scheme, 0) == 0) return value.substr(scheme.size());
  }
  return value;
}

std::chrono::seconds unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
}

// The body as JSON through the API's one reader; a source's format refusal is
// the IMAS 400 naming the field.
rapidjson::Document body_of(const RequestContext& context) {
  return parse_json_body(context.request.body(), context.json_limits);
}

template <class Read>
auto read_alerts(Read read) {
  try {
    return read();
  } catch (const domain::alerts::AlertPayloadError& e) {
    throw incidents::invalid_field(e.field(), e.what());
  }
}

std::string accepted(std::size_t alerts) {
  return fmt::format(R"({{"status":"accepted","message":"Alerts accepted","alerts":{}}})", alerts);
}

// What the publish callbacks share: the answer goes once the last confirm is in.
struct PendingAnswer {
  std::shared_ptr<Responder> responder;
  std::string answer;
  std::atomic<std::size_t> left{0};
  std::atomic<bool> failed{false};
};

}  // namespace

const AlertSource& AlertIntake::admit(RequestContext& context, const std::string& source_name,
                                      const std::string& offered) const {
  const AlertSource& source = sources_.at(source_name);
  // A refusal counts against the caller's failed-credentials limit.
  const auto refuse = [&](const char* message) {
    const RateDecision decision = access_.count_failed_credentials(context.request);
    if (!decision.allowed) {
      throw AppError(ErrorCode::kRateLimited, "Rate limit exceeded")
          .with_retry_after(decision.retry_after_s);
    }
    throw AppError(ErrorCode::kUnauthorized, message);
  };
  if (source.signature) {
    // A signing tool's requests are admitted by their signature (and by the
    // secret too, when the source has one).
    const auto verdict = security::verify_webhook(
        source.signature->signing, context.header(source.signature->timestamp_header),
        context.header(source.signature->header), context.request.body(), unix_now());
    if (verdict == security::WebhookVerdict::kMissing) refuse("Missing webhook signature.");
    if (verdict == security::WebhookVerdict::kStale) refuse("Stale webhook timestamp.");
    if (verdict != security::WebhookVerdict::kValid) refuse("Invalid webhook signature.");
  }
  if (!source.signature || !source.secret.empty()) {
    const std::string secret = offered.empty() ? authorization_secret(context) : offered;
    const SourceAccess access = check_source(source, secret);
    if (access == SourceAccess::kMissing) refuse("Authentication credentials were not provided.");
    if (access == SourceAccess::kWrong) refuse("Invalid credentials");
  }
  access_.limit_webhook_source(source_name, [&](std::string name, std::string value) {
    context.responder.add_header(std::move(name), std::move(value));
  });
  return source;
}

void AlertIntake::publish(RequestContext& context, const AlertSource& source,
                          std::vector<Alert> alerts, std::string answer) {
  auto pending = std::make_shared<PendingAnswer>();
  pending->answer = std::move(answer);
  pending->left = alerts.size();
  pending->responder = context.answer_later();
  if (alerts.empty()) {
    pending->responder->json(Http::Code::Accepted, pending->answer);
    return;
  }
  const std::string submitted_by = "alerts:" + source.name;
  for (const Alert& alert : alerts) {
    // The task's id is the incident's, should this alert open one (and its
    // orchestration workflow's, as POST /api/v1/incidents/ does).
    const std::string id = envelope::new_task_id();
    const std::optional<std::string> plan = alert.action == AlertAction::kTrigger
                                                ? incidents::orchestration_plan(id, services_)
                                                : std::nullopt;
    rapidjson::StringBuffer buffer;
    json::Writer w(buffer);
    w.StartObject();
    json::string_field(w, "id", id);
    json::string_field(w, "source", source.name);
    json::string_field(w, "fingerprint", alert.fingerprint);
    json::string_field(w, "action", domain::alerts::action_name(alert.action));
    json::string_field(w, "title", alert.title);
    json::string_field(w, "description", alert.description);
    json::string_field(w, "severity", alert.severity);
    json::string_field(w, "service", alert.service);
    json::string_field(w, "default_service", source.default_service);
    json::string_field(w, "catch_all_service", sources_.catch_all_service);
    w.Key("auto_resolve");
    w.Bool(source.auto_resolve);
    json::raw_field(w, "labels", alert.labels_json);
    if (plan) {
      w.Key("orchestration");
      w.RawValue(plan->c_str(), plan->size(), rapidjson::kObjectType);
    }
    w.EndObject();
    envelope::TaskEnvelope task = writer_.task_for(
        kinds::alerts::kIngest, {buffer.GetString(), buffer.GetSize()}, submitted_by);
    task.id = id;
    if (plan) task.workflow_id = id;
    publisher_.publish(task, std::nullopt, [pending](const amqp::PublishOutcome& outcome) {
      if (outcome.kind == amqp::PublishOutcome::Kind::kFailed) pending->failed = true;
      if (pending->left.fetch_sub(1) != 1) return;
      if (pending->failed) {
        pending->responder->error(AppError(ErrorCode::kUnavailable,
                                           "The message broker is unavailable; retry later", {},
                                           outcome.reason)
                                      .with_retry_after(1));
      } else {
        pending->responder->json(Http::Code::Accepted, pending->answer);
      }
    });
  }
}

void AlertIntake::alertmanager(RequestContext& context) {
  const AlertSource& source = admit(context, "alertmanager");
  const rapidjson::Document body = body_of(context);
  auto alerts = read_alerts([&] { return domain::alerts::alertmanager_alerts(body); });
  const std::size_t n = alerts.size();
  publish(context, source, std::move(alerts), accepted(n));
}

void AlertIntake::grafana(RequestContext& context) {
  const AlertSource& source = admit(context, "grafana");
  const rapidjson::Document body = body_of(context);
  auto alerts = read_alerts([&] { return domain::alerts::grafana_alerts(body); });
  const std::size_t n = alerts.size();
  publish(context, source, std::move(alerts), accepted(n));
}

void AlertIntake::datadog(RequestContext& context) {
  const AlertSource& source = admit(context, "datadog");
  const rapidjson::Document body = body_of(context);
  publish(context, source, read_alerts([&] { return domain::alerts::datadog_alerts(body); }),
          accepted(1));
}

void AlertIntake::generic(RequestContext& context) {
  const AlertSource& source = admit(context, "generic");
  const rapidjson::Document body = body_of(context);
  publish(context, source, read_alerts([&] { return domain::alerts::generic_alerts(body); }),
          accepted(1));
}

void AlertIntake::events_v2(RequestContext& context) {
  // The routing_key authenticates a PagerDuty event, so the body is read first.
  const rapidjson::Document body = body_of(context);
  auto event = read_alerts([&] { return domain::alerts::pagerduty_event(body); });
  const AlertSource& source = admit(context, "events_v2", event.routing_key);
  if (event.alert.fingerprint.empty()) event.alert.fingerprint = envelope::new_task_id();
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "status", "success");
  json::string_field(w, "message", "Event processed");
  json::string_field(w, "dedup_key", event.alert.fingerprint);
  w.EndObject();
  std::vector<Alert> alerts;
  alerts.push_back(std::move(event.alert));
  publish(context, source, std::move(alerts), {buffer.GetString(), buffer.GetSize()});
}

}  // namespace switchyard::api::alerts
