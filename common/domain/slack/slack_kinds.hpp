#pragma once
// The Slack chat-ops service (docs/slack.md): the follow-ups of Slack's requests
// that the API answered at once. Slack wants an answer within 3 s, so anything
// that calls Slack back (a reply to a response_url, a thread, a modal) is a task
// of `slack`, served by workers/slack. Incident writes a Slack user asks for are
// not here: they are the incident manager's own kinds (incidents_kinds.hpp),
// published exactly as the REST API publishes them.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::slack {

inline constexpr std::string_view kService = "slack";

// Posts a message to a destination (a response_url, or a channel and thread).
inline constexpr domain::TaskKind kReply{kService, "reply"};
// Reads the open incidents and posts them, with their buttons, to a destination.
inline constexpr domain::TaskKind kListIncidents{kService, "list_incidents"};
// views.open: the create modal, its service choices read from the catalog.
inline constexpr domain::TaskKind kOpenCreateModal{kService, "open_create_modal"};

inline constexpr std::array kAll{kReply, kListIncidents, kOpenCreateModal};

}  // namespace switchyard::kinds::slack
