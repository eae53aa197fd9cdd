#include "incidents/slack_client.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <array>
#include <string_view>

#include "domain/slack/incident_buttons.hpp"
#include "json/json_fields.hpp"

namespace switchyard::workers::incidents {
namespace {

// Slack's error codes that another attempt may get past.
constexpr std::array<std::string_view, 5> kRetryableCodes{
    "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"};

// A list that never ends (a cursor Slack keeps handing back) must not hold the
// step: 100 pages of 200 channels is far past any workspace's public channels.
constexpr int kMaxListPages = 100;

// Slack's codes are snake_case words; anything else in that field is cut down so
// that it cannot carry more than a code into a message.
std::string clean_code(std::string_view code) {
  std::string out;
  for (const char c : code.substr(0, 64)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.' || c == '-';
    if (word) out += c;
  }
  return out.empty() ? "unknown_error" : out;
}

std::string text_member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace

struct SlackClient::Answer {
  rapidjson::Document json;
};

SlackClient::SlackClient(net::HttpSession& session, std::string api_url, std::string token,
                         std::function<std::chrono::milliseconds()> timeout)
    : session_(session),
      api_url_(std::move(api_url)),
      token_(std::move(token)),
      timeout_(std::move(timeout)) {}

SlackClient::Answer SlackClient::call(const char* method, const std::string& query,
                                      const std::string& json_body) {
  net::HttpRequest request;
  request.url = api_url_ + "/" + method + (query.empty() ? "" : "?" + query);
  request.timeout = timeout_();
  request.headers = {"Authorization: Bearer " + token_, "Expect:"};
  if (!json_body.empty()) {
    request.method = "POST";
    request.body = json_body;
    request.headers.emplace_back("Content-Type: application/json; charset=utf-8");
  }
  const net::HttpResponse response = session_.perform(request);
  if (!response.answered()) {
    throw SlackError(method, "no_answer",
                     fmt::format("Slack's {} did not answer: {}", method, response.transport_error),
                     response.transport_retryable);
  }
  if (response.status == 429) {
    throw SlackError(method, "ratelimited", fmt::format("Slack rate-limited {} (HTTP 429)", method),
                     true, response.retry_after);
  }
  if (response.status != 200) {
    const bool retryable = response.status >= 500 || response.status == 408;
    throw SlackError(method, fmt::format("HTTP {}", response.status),
                     fmt::format("Slack answered {} with HTTP {}", method, response.status),
                     retryable);
  }
  Answer answer;
  answer.json.Parse(response.body.data(), response.body.size());
  if (answer.json.HasParseError() || !answer.json.IsObject() || !answer.json.HasMember("ok") ||
      !answer.json["ok"].IsBool()) {
    throw SlackError(method, "not_json",
                     fmt::format("Slack's answer to {} is not Slack's JSON", method), true);
  }
  if (!answer.json["ok"].GetBool()) {
    const std::string code = clean_code(text_member(answer.json, "error"));
    bool retryable = false;
    for (const auto known : kRetryableCodes) retryable = retryable || code == known;
    throw SlackError(method, code, fmt::format("Slack's {} failed: {}", method, code), retryable);
  }
  return answer;
}

SlackChannel SlackClient::create_channel(const std::string& name) {
  const Answer answer =
      call("conversations.create", {},
           fmt::format(R"({{"name":{},"is_private":false}})", json::quoted(name)));
  const auto it = answer.json.FindMember("channel");
  const std::string id = it == answer.json.MemberEnd() ? "" : text_member(it->value, "id");
  if (id.empty()) {
    throw SlackError("conversations.create", "no_channel",
                     "Slack's conversations.create answered no channel id", true);
  }
  return {id, name};
}

std::optional<SlackChannel> SlackClient::find_channel(const std::string& name) {
  std::string cursor;
  for (int page = 0; page < kMaxListPages; ++page) {
    std::string query = "exclude_archived=true&types=public_channel&limit=200";
    if (!cursor.empty()) query += "&cursor=" + net::escape_component(cursor);
    const Answer answer = call("conversations.list", query, {});
    const auto channels = answer.json.FindMember("channels");
    if (channels != answer.json.MemberEnd() && channels->value.IsArray()) {
      for (const auto& channel : channels->value.GetArray()) {
        const std::string id = text_member(channel, "id");
        if (!id.empty() && text_member(channel, "name") == name) return SlackChannel{id, name};
      }
    }
    const auto metadata = answer.json.FindMember("response_metadata");
    cursor = metadata == answer.json.MemberEnd() ? "" : text_member(metadata->value, "next_cursor");
    if (cursor.empty()) return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> SlackClient::find_user_by_email(const std::string& email) {
  try {
    const Answer answer = call("users.lookupByEmail", "email=" + net::escape_component(email), {});
    const auto user = answer.json.FindMember("user");
    const std::string id = user == answer.json.MemberEnd() ? "" : text_member(user->value, "id");
    if (id.empty()) return std::nullopt;
    return id;
  } catch (const SlackError& e) {
    if (e.code() == "users_not_found") return std::nullopt;
    throw;
  }
}

bool SlackClient::invite(const std::string& channel_id, const std::string& user_id) {
  try {
    call("conversations.invite", {},
         fmt::format(R"({{"channel":{},"users":{}}})", json::quoted(channel_id),
                     json::quoted(user_id)));
    return true;
  } catch (const SlackError& e) {
    // The bot itself on call cannot be invited: it is in its channel already.
    if (e.code() == "already_in_channel" || e.code() == "cant_invite_self") return false;
    throw;
  }
}

void SlackClient::post_message(const std::string& channel, const std::string& text,
                               const std::string& blocks_json, const std::string& thread_ts) {
  std::string body =
      fmt::format(R"({{"channel":{},"text":{})", json::quoted(channel), json::quoted(text));
  if (!blocks_json.empty()) body += R"(,"blocks":)" + blocks_json;
  if (!thread_ts.empty()) body += R"(,"thread_ts":)" + json::quoted(thread_ts);
  body += '}';
  call("chat.postMessage", {}, body);
}

void SlackClient::open_view(const std::string& trigger_id, const std::string& view_json) {
  call("views.open", {},
       fmt::format(R"({{"trigger_id":{},"view":{}}})", json::quoted(trigger_id), view_json));
}

std::string slack_escape(const std::string& text) { return domain::slack::slack_escape(text); }

}  // namespace switchyard::workers::incidents
