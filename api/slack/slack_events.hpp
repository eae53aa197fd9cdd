#pragma once
// POST /api/v1/slack/events/: Slack's Events API.
//   url_verification: answered {"challenge": <the challenge>} (Slack checks the
//     Request URL with it);
//   event_callback of an app_mention: a task that answers in the mention's thread
//     — the open incidents when the text says "list", else the usage text.
// Answered 200 once the broker has the task (Slack retries after 3 s without an
// answer, and on any other status). A retry (X-Slack-Retry-Num) carries the same
// event_id, from which the task's id is derived: an event whose task is in the
// ledger already is answered 200 without publishing it again (a task id
// published again after it finished would run again). Any other event is
// acknowledged and ignored.
#include "db/connection_pool.hpp"
#include "slack/slack_follow_ups.hpp"
#include "slack/slack_verifier.hpp"

namespace switchyard::api::slack {

class SlackEvents {
 public:
  SlackEvents(const SlackVerifier& verifier, SlackFollowUps& follow_ups, db::ConnectionPool& pool)
      : verifier_(verifier), follow_ups_(follow_ups), pool_(pool) {}

  void event(RequestContext& context);

 private:
  const SlackVerifier& verifier_;
  SlackFollowUps& follow_ups_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api::slack
