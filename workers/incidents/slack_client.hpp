#pragma once
// The few Slack Web API methods an incident's orchestration calls
// (https://api.slack.com/web): creating and finding the war room's channel,
// finding a user by email, inviting them, posting a message, opening a modal
// (Slack chat-ops, workers/slack). Writes are POSTs of
// JSON, reads GETs with a query string; every call carries the bot token as a
// Bearer header and nothing else of it.
//
// Slack answers HTTP 200 with {"ok": false, "error": "<code>"} for most failures.
// A SlackError keeps the method and that code and says whether trying again may
// help: rate limits (HTTP 429 or `ratelimited`), Slack's own trouble (5xx,
// `internal_error`, `fatal_error`, `service_unavailable`, `request_timeout`) and a
// connection that failed do; `invalid_auth`, `not_authed`, `channel_not_found`,
// `missing_scope` and the rest do not. Not thread-safe: one client per task,
// over its thread's HttpSession.
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "net/http_session.hpp"

namespace switchyard::workers::incidents {

class SlackError : public std::runtime_error {
 public:
  SlackError(std::string method, std::string code, std::string message, bool retryable,
             std::optional<std::chrono::seconds> retry_after = std::nullopt)
      : std::runtime_error(std::move(message)),
        method_(std::move(method)),
        code_(std::move(code)),
        retryable_(retryable),
        retry_after_(retry_after) {}
  const std::string& method() const { return method_; }
  // Slack's error code ("name_taken"), or a description of what went wrong
  // before Slack could say ("HTTP 503").
  const std::string& code() const { return code_; }
  bool retryable() const { return retryable_; }
  // Slack's Retry-After on a rate limit (Web API tier limits, HTTP 429).
  std::optional<std::chrono::seconds> retry_after() const { return retry_after_; }

 private:
  std::string method_;
  std::string code_;
  bool retryable_;
  std::optional<std::chrono::seconds> retry_after_;
};

struct SlackChannel {
  std::string id;
  std::string name;
};

class SlackClient {
 public:
  // `timeout` is asked before each request: how long it may take.
  SlackClient(net::HttpSession& session, std::string api_url, std::string token,
              std::function<std::chrono::milliseconds()> timeout);

  // conversations.create, a public channel. Throws SlackError; code()
  // "name_taken" when a channel has the name already.
  SlackChannel create_channel(const std::string& name);
  // conversations.list, unarchived public channels page by page (cursor): the one
  // named `name`, or nullopt.
  std::optional<SlackChannel> find_channel(const std::string& name);
  // users.lookupByEmail: the user's id; nullopt when no user has this email.
  std::optional<std::string> find_user_by_email(const std::string& email);
  // conversations.invite; false when the user was in the channel already.
  bool invite(const std::string& channel_id, const std::string& user_id);
  // chat.postMessage; `channel` may be a user id (a direct message). `text` is
  // the notification's and the fallback's when `blocks_json` (a Block Kit array's
  // text) is given; `thread_ts` answers in that thread.
  void post_message(const std::string& channel, const std::string& text,
                    const std::string& blocks_json = {}, const std::string& thread_ts = {});
  // views.open: `view_json` (a modal) for the interaction `trigger_id` names
  // (valid for 3 s after the user's action).
  void open_view(const std::string& trigger_id, const std::string& view_json);

 private:
  struct Answer;
  Answer call(const char* method, const std::string& query, const std::string& json_body);

  net::HttpSession& session_;
  std::string api_url_;
  std::string token_;
  std::function<std::chrono::milliseconds()> timeout_;
};

// `text` with Slack's three control characters escaped (&, <, >), so that a
// title never turns into a mention or a link.
std::string slack_escape(const std::string& text);

}  // namespace switchyard::workers::incidents
