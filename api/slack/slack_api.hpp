#pragma once
// Slack chat-ops for the incident manager (docs/slack.md): the Events API, the
// /imas slash command and the interactive components (buttons, the create modal).
// Public routes as far as user credentials go: each request is authenticated by
// Slack's v0 signature instead (slack_verifier.hpp), refused 401 in the IMAS
// format without it. Counted against the webhook rate limit (per source IP).
#include "module.hpp"
#include "slack/slack_commands.hpp"
#include "slack/slack_events.hpp"
#include "slack/slack_follow_ups.hpp"
#include "slack/slack_interactions.hpp"
#include "slack/slack_verifier.hpp"

namespace switchyard::api::slack {

class SlackApi final : public ApiModuleOf<SlackApi> {
 public:
  static constexpr std::string_view kName = "slack";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<SlackApi>> route_rows(const RouteOptions& options);

  explicit SlackApi(ModuleContext& context);

 private:
  AwaitedWriter writer_;
  SlackVerifier verifier_;
  SlackFollowUps follow_ups_;
  SlackEvents events_;
  SlackCommands commands_;
  SlackInteractions interactions_;
};

}  // namespace switchyard::api::slack
