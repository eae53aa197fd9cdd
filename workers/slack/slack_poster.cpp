#include "slack/slack_poster.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/slack/response_url.hpp"
#include "incidents/json_post.hpp"
#include "json/json_fields.hpp"
#include "payload_fields.hpp"

namespace switchyard::workers::slack {

domain::slack::SlackDestination SlackPoster::destination(const rapidjson::Value& payload) {
  const auto to = payload.FindMember("to");
  auto destination =
      to == payload.MemberEnd() ? std::nullopt : domain::slack::SlackDestination::from(to->value);
  if (!destination) throw bad_payload("to", "{\"response_url\"} or {\"channel\", \"thread_ts\"}");
  return *destination;
}

std::chrono::milliseconds SlackPoster::timeout() const {
  const auto left = context_.time_left();
  if (left <= std::chrono::milliseconds(0)) {
    throw incidents::retryable_upstream("no time left for Slack in the task's timeout");
  }
  return std::min(resources_.settings().integrations.request_timeout, left);
}

incidents::SlackClient SlackPoster::client() {
  const auto& integrations = resources_.settings().integrations;
  if (integrations.slack_bot_token.empty()) {
    throw caller_error(FailureKind::kNotConfigured, "SLACK_BOT_TOKEN is not set");
  }
  return {incidents::OrchestrationResources::http(), integrations.slack_api_url,
          integrations.slack_bot_token, [this] { return timeout(); }};
}

void SlackPoster::post(const domain::slack::SlackDestination& to, const std::string& text,
                       const std::string& blocks_json) {
  if (to.response_url.empty()) {
    try {
      client().post_message(to.channel, text, blocks_json, to.thread_ts);
    } catch (const incidents::SlackError& e) {
      if (e.retryable()) throw incidents::retryable_upstream(e.what(), e.retry_after());
      throw incidents::refused_upstream(e.what());
    }
    return;
  }
  if (!domain::slack::allowed_response_url(
          to.response_url, resources_.settings().integrations.slack_response_hosts)) {
    throw caller_error(FailureKind::kValidation,
                       "response_url is not on a host of SLACK_RESPONSE_URL_HOSTS");
  }
  std::string body = fmt::format(
      R"({{"response_type":"ephemeral","replace_original":false,"text":{})", json::quoted(text));
  if (!blocks_json.empty()) body += R"(,"blocks":)" + blocks_json;
  body += '}';
  const auto response =
      incidents::post_json(incidents::OrchestrationResources::http(),
                           {to.response_url, {}, context_.task.id, std::move(body), timeout()});
  incidents::expect_success("Slack's response_url", response);
}

void SlackPoster::open_view(const std::string& trigger_id, const std::string& view_json) {
  try {
    client().open_view(trigger_id, view_json);
  } catch (const incidents::SlackError& e) {
    // A trigger_id lives 3 s: a late retry only gets expired_trigger_id.
    if (e.retryable()) throw incidents::retryable_upstream(e.what(), e.retry_after());
    throw incidents::refused_upstream(e.what());
  }
}

}  // namespace switchyard::workers::slack
