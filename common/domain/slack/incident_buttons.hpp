#pragma once
// The Block Kit buttons an incident message carries (the war room's first
// message, each line of /imas incident list): Acknowledge and Resolve. Slack
// sends a click to /api/v1/slack/interactive/ as a block_actions payload whose
// action_id is one of the constants below and whose value is the incident's id.
#include <string>
#include <string_view>

namespace switchyard::domain::slack {

inline constexpr std::string_view kAcknowledgeAction = "incident_acknowledge";
inline constexpr std::string_view kResolveAction = "incident_resolve";
// The create modal's callback_id (views.open, view_submission).
inline constexpr std::string_view kCreateModalCallback = "incident_create";

// A section block with `mrkdwn_text` (already escaped for Slack), then an actions
// block with the two buttons for `incident_id`: a JSON array's members, without
// the brackets, so callers can join several incidents into one message.
std::string incident_blocks(const std::string& mrkdwn_text, const std::string& incident_id);

// `text` with Slack's three control characters escaped (&, <, >), so that a
// title never turns into a mention or a link.
std::string slack_escape(std::string_view text);

}  // namespace switchyard::domain::slack
