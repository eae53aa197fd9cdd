#pragma once
// The small things every Slack route answers or records: an ephemeral message
// (seen only by the user who asked), the usage text, and the name a Slack user's
// action is recorded under (a task's submitted_by, the timeline's author).
#include <string>
#include <string_view>

#include "request_context.hpp"

namespace switchyard::api::slack {

// {"response_type":"ephemeral","text":...}
std::string ephemeral(std::string_view text);
// Answers 200 with an ephemeral message.
void answer_ephemeral(Responder& responder, std::string_view text);

// What /imas understands.
std::string usage_text();

// "slack:<user_name>", or "slack:<user_id>" without a name: Slack's names are
// chosen by their users, so they are never taken for one of the platform's
// accounts (docs/slack.md, "Who acted"). Only [A-Za-z0-9._-], at most 80
// characters, so the name cannot carry a mention or markup into a message.
std::string slack_actor(std::string_view user_name, std::string_view user_id);

}  // namespace switchyard::api::slack
