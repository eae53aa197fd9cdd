#pragma once
// POST /api/v1/slack/commands/: Slack's slash command payload (form-encoded:
// command, text, user_id, user_name, response_url, trigger_id, ...) for /imas.
//   incident list                              → slack.list_incidents to response_url
//   incident create <title> [severity] <svc>   → incidents.create_incident
//   incident create                            → slack.open_create_modal (trigger_id)
//   incident ack|acknowledge <id>              → incidents.acknowledge_incident
//   incident resolve <id>                      → incidents.resolve_incident
//   help, anything else                        → the usage text
// Answered 200 at once with an ephemeral message (Slack waits 3 s); what the
// user asked for is then posted to response_url by a task. What can be refused
// without the worker (an unknown incident or service, a bad title) is refused in
// that first answer.
#include <string>
#include <vector>

#include "db/connection_pool.hpp"
#include "slack/slack_follow_ups.hpp"
#include "slack/slack_verifier.hpp"

namespace switchyard::api::slack {

class SlackCommands {
 public:
  SlackCommands(const SlackVerifier& verifier, SlackFollowUps& follow_ups, db::ConnectionPool& pool,
                std::vector<std::string> response_hosts)
      : verifier_(verifier),
        follow_ups_(follow_ups),
        pool_(pool),
        response_hosts_(std::move(response_hosts)) {}

  void command(RequestContext& context);

 private:
  struct Command;
  void list(RequestContext& context, const Command& command);
  void create(RequestContext& context, const Command& command);
  void move(RequestContext& context, const Command& command, bool resolve);

  const SlackVerifier& verifier_;
  SlackFollowUps& follow_ups_;
  db::ConnectionPool& pool_;
  std::vector<std::string> response_hosts_;
};

// The severity a Slack user typed ("sev1", "SEV2_HIGH", any case), or "".
std::string severity_named(const std::string& word);

}  // namespace switchyard::api::slack
