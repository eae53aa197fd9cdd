#include "slack/slack_follow_ups.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <spdlog/spdlog.h>

#include "domain/incidents/incidents_kinds.hpp"
#include "domain/slack/incident_buttons.hpp"
#include "domain/slack/slack_kinds.hpp"
#include "envelope/task_id.hpp"
#include "incidents/orchestration_plan.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api::slack {
namespace {

namespace incident_kinds = ::switchyard::kinds::incidents;
namespace slack_kinds = ::switchyard::kinds::slack;
using domain::slack::slack_escape;

// The string member `name` of the worker's result, or `fallback`.
std::string result_member(const std::string& result_json, const char* name,
                          const std::string& fallback) {
  rapidjson::Document result;
  result.Parse(result_json.c_str(), result_json.size());
  if (result.HasParseError() || !result.IsObject()) return fallback;
  const auto it = result.FindMember(name);
  if (it == result.MemberEnd() || !it->value.IsString()) return fallback;
  return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace

void SlackFollowUps::publish(domain::TaskKind kind, const std::string& payload,
                             const std::string& actor, const std::optional<std::string>& id,
                             std::function<void(bool)> done) {
  envelope::TaskEnvelope task = writer_.task_for(kind, payload, actor);
  if (id) task.id = *id;
  publisher_.publish(
      task, std::nullopt,
      [done = std::move(done), name = kind.routing_key()](amqp::PublishOutcome outcome) {
        const bool taken = outcome.kind != amqp::PublishOutcome::Kind::kFailed;
        if (!taken) spdlog::warn("{} not published: {}", name, outcome.reason);
        done(taken);
      });
}

void SlackFollowUps::reply(const SlackDestination& to, const std::string& text,
                           const std::string& blocks) {
  std::string payload = fmt::format(R"({{"to":{},"text":{})", to.json(), json::quoted(text));
  if (!blocks.empty()) payload += R"(,"blocks":)" + blocks;
  payload += '}';
  writer_.write_detached(slack_kinds::kReply, std::move(payload), "slack");
}

void SlackFollowUps::move(domain::TaskKind kind, const char* verb, const std::string& incident_id,
                          const std::string& label, const std::string& actor,
                          const SlackDestination& to) {
  writer_.submit(kind, json::string_object({{"id", incident_id}}), actor,
                 {[this, to, verb, label, actor](const std::string& result) {
                    const std::string short_id = result_member(result, "short_id", label);
                    reply(to, fmt::format(":white_check_mark: *{}* {} by {}",
                                          slack_escape(short_id), verb, slack_escape(actor)));
                  },
                  [this, to, label](const std::string& task_id) {
                    reply(to, fmt::format(":hourglass: {} is still being updated (task {}).",
                                          slack_escape(label), task_id));
                  },
                  [this, to, verb, label](const AppError& error) {
                    reply(to, fmt::format(":warning: {} was not {}: {}", slack_escape(label), verb,
                                          slack_escape(error.public_message())));
                  }});
}

void SlackFollowUps::acknowledge(const std::string& incident_id, const std::string& label,
                                 const std::string& actor, const SlackDestination& to) {
  move(incident_kinds::kAcknowledgeIncident, "acknowledged", incident_id, label, actor, to);
}

void SlackFollowUps::resolve(const std::string& incident_id, const std::string& label,
                             const std::string& actor, const SlackDestination& to) {
  move(incident_kinds::kResolveIncident, "resolved", incident_id, label, actor, to);
}

void SlackFollowUps::create(const SlackNewIncident& incident, const std::string& actor,
                            const SlackDestination& to) {
  // The same payload as POST /api/v1/incidents/ (api/incidents/incident_writes.cpp):
  // one id for the incident, its task and its orchestration workflow.
  const std::string id = envelope::new_task_id();
  const std::optional<std::string> plan = incidents::orchestration_plan(id, services_);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "id", id);
  if (plan) json::string_field(w, "workflow_id", id);
  json::string_field(w, "title", incident.title);
  json::string_field(w, "severity", incident.severity);
  json::string_field(w, "service", incident.service_id);
  w.Key("impacted_scopes");
  w.StartArray();
  w.EndArray();
  if (plan) {
    w.Key("orchestration");
    w.RawValue(plan->c_str(), plan->size(), rapidjson::kObjectType);
  }
  w.EndObject();
  envelope::TaskEnvelope task = writer_.task_for(incident_kinds::kCreateIncident,
                                                 {buffer.GetString(), buffer.GetSize()}, actor);
  task.id = id;
  if (plan) task.workflow_id = id;
  const std::string title = incident.title;
  const std::string severity = incident.severity;
  writer_.submit(
      task, {[this, to, id, title, severity, actor](const std::string& result) {
               const std::string short_id = result_member(result, "short_id", id);
               const std::string text = fmt::format(":rotating_light: *{}* · {} · {} created by {}",
                                                    slack_escape(short_id), severity,
                                                    slack_escape(title), slack_escape(actor));
               reply(to, text, "[" + domain::slack::incident_blocks(text, id) + "]");
             },
             [this, to](const std::string& task_id) {
               reply(to, fmt::format(":hourglass: The incident is still being created (task {}).",
                                     task_id));
             },
             [this, to](const AppError& error) {
               reply(to, ":warning: The incident was not created: " +
                             slack_escape(error.public_message()));
             }});
}

}  // namespace switchyard::api::slack
