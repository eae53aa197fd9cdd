#pragma once
// SlackPoster: one message to a SlackDestination, for the `slack` tasks.
//   - a response_url: an HTTP POST of {"response_type":"ephemeral","text",
//     "blocks"} (no token: the URL is the credential), only to a host of
//     SLACK_RESPONSE_URL_HOSTS — anything else fails the task at once, unposted;
//   - a channel (and thread): chat.postMessage with SLACK_BOT_TOKEN.
// Failures are typed for the platform's retries: Slack or the network in
// trouble, retryable; a refusal (4xx, a Slack error code such as
// channel_not_found), not.
#include <string>

#include "domain/slack/slack_destination.hpp"
#include "incidents/orchestration_step.hpp"
#include "task_handler.hpp"

namespace switchyard::workers::slack {

class SlackPoster {
 public:
  SlackPoster(incidents::OrchestrationResources& resources, const TaskContext& context)
      : resources_(resources), context_(context) {}

  // `blocks_json`: a Block Kit array's text, or empty.
  void post(const domain::slack::SlackDestination& to, const std::string& text,
            const std::string& blocks_json = {});
  // views.open of `view_json` for `trigger_id`.
  void open_view(const std::string& trigger_id, const std::string& view_json);

  // The payload's "to"; a payload without one fails the task (bad payload).
  static domain::slack::SlackDestination destination(const rapidjson::Value& payload);

 private:
  std::chrono::milliseconds timeout() const;
  incidents::SlackClient client();

  incidents::OrchestrationResources& resources_;
  const TaskContext& context_;
};

}  // namespace switchyard::workers::slack
