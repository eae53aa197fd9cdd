#pragma once
// POST /api/v1/slack/events/: Slack's Events API.
//   url_verification: answered {"challenge": <the challenge>} (Slack checks the
//     Request URL with it);
//   event_callback of an app_mention: a task that answers in the mention's thread
//     — the open incidents when the text says "list", else the usage text.
// Answered 200 once the broker has the task (Slack retries after 3 s without an
// answer, and on any other status). A retry (X-Slack-Retry-Num) carries the same
// event_id, from which the task's id is derived, so the worker's exactly-once
// check of a task id runs it once. Any other event is acknowledged and ignored.
#include "slack/slack_follow_ups.hpp"
#include "slack/slack_verifier.hpp"

namespace switchyard::api::slack {

class SlackEvents {
 public:
  SlackEvents(const SlackVerifier& verifier, SlackFollowUps& follow_ups)
      : verifier_(verifier), follow_ups_(follow_ups) {}

  void event(RequestContext& context);

 private:
  const SlackVerifier& verifier_;
  SlackFollowUps& follow_ups_;
};

}  // namespace switchyard::api::slack
