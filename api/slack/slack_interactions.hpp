#pragma once
// POST /api/v1/slack/interactive/: the form field `payload`, Slack's JSON of an
// interaction.
//   block_actions, action_id incident_acknowledge|incident_resolve, value = the
//     incident's id: the incident write, its outcome posted to response_url;
//   view_submission of the create modal (callback_id incident_create): checked
//     here — a bad field is answered {"response_action":"errors","errors":{block:
//     message}}, which Slack shows under the field and keeps the modal open — else
//     the modal closes (empty 200) and the outcome is a direct message to the user.
// Anything else is acknowledged with an empty 200 and ignored.
#include <string>
#include <vector>

#include "db/connection_pool.hpp"
#include "slack/slack_follow_ups.hpp"
#include "slack/slack_verifier.hpp"

namespace switchyard::api::slack {

class SlackInteractions {
 public:
  SlackInteractions(const SlackVerifier& verifier, SlackFollowUps& follow_ups,
                    db::ConnectionPool& pool, std::vector<std::string> response_hosts)
      : verifier_(verifier),
        follow_ups_(follow_ups),
        pool_(pool),
        response_hosts_(std::move(response_hosts)) {}

  void interact(RequestContext& context);

 private:
  void button(RequestContext& context, const rapidjson::Value& payload);
  void submission(RequestContext& context, const rapidjson::Value& payload);

  const SlackVerifier& verifier_;
  SlackFollowUps& follow_ups_;
  db::ConnectionPool& pool_;
  std::vector<std::string> response_hosts_;
};

}  // namespace switchyard::api::slack
