#include "slack/slack_events.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "domain/slack/slack_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "slack/slack_answers.hpp"

namespace switchyard::api::slack {
namespace {

namespace Http = Pistache::Http;
using domain::slack::SlackDestination;

std::string text_member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

bool mentions_list(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find("list") != std::string::npos;
}

}  // namespace

void SlackEvents::event(RequestContext& context) {
  verifier_.verify(context);
  const rapidjson::Document body = json_object_body(context);
  const std::string type = text_member(body, "type");
  if (type == "url_verification") {
    return context.responder.json(
        Http::Code::Ok, json::string_object({{"challenge", text_member(body, "challenge")}}));
  }
  const auto event = body.FindMember("event");
  const std::string event_id = text_member(body, "event_id");
  if (type != "event_callback" || event == body.MemberEnd() || event_id.empty() ||
      text_member(event->value, "type") != "app_mention") {
    return context.responder.json(Http::Code::Ok, R"({"ok":true})");
  }
  const rapidjson::Value& mention = event->value;
  const std::string channel = text_member(mention, "channel");
  std::string thread = text_member(mention, "thread_ts");
  if (thread.empty()) thread = text_member(mention, "ts");
  const auto to = SlackDestination::to_channel(channel, thread);
  const std::string actor = slack_actor({}, text_member(mention, "user"));
  // One task per event: Slack's retries of it name the same task.
  const std::string id =
      envelope::idempotent_task_id("slack-event:" + text_member(body, "team_id"), event_id);
  const bool list = mentions_list(text_member(mention, "text"));
  const std::string payload =
      list ? fmt::format(R"({{"to":{}}})", to.json())
           : fmt::format(R"({{"to":{},"text":{}}})", to.json(), json::quoted(usage_text()));
  auto responder = context.answer_later();
  follow_ups_.publish(list ? kinds::slack::kListIncidents : kinds::slack::kReply, payload, actor,
                      id, [responder](bool taken) {
                        if (taken) return responder->json(Http::Code::Ok, R"({"ok":true})");
                        // Not 200: Slack sends the event again later.
                        responder->error(AppError(ErrorCode::kUnavailable, "Service unavailable"));
                      });
}

}  // namespace switchyard::api::slack
