#pragma once
// Where a Slack follow-up task posts: the response_url of the slash command or
// button it answers (Slack's hooks host, valid for 30 minutes and 5 posts), or a
// channel — with a thread for an app mention, a user id for a direct message.
// Carried in the tasks' payload as {"response_url"} or {"channel", "thread_ts"}.
#include <rapidjson/document.h>

#include <optional>
#include <string>

namespace switchyard::domain::slack {

struct SlackDestination {
  std::string response_url;  // set: post there
  std::string channel;       // else chat.postMessage to this channel or user id
  std::string thread_ts;     // in this thread, when set

  static SlackDestination to_response_url(std::string url) { return {std::move(url), {}, {}}; }
  static SlackDestination to_channel(std::string channel, std::string thread_ts = {}) {
    return {{}, std::move(channel), std::move(thread_ts)};
  }

  // The JSON object text of the payload's "to".
  std::string json() const;
  // The destination `to` describes; nullopt when it names none.
  static std::optional<SlackDestination> from(const rapidjson::Value& to);
};

}  // namespace switchyard::domain::slack
