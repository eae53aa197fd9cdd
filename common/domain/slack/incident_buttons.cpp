#include "domain/slack/incident_buttons.hpp"

#include <fmt/format.h>

#include "json/json_fields.hpp"

namespace switchyard::domain::slack {

std::string incident_blocks(const std::string& mrkdwn_text, const std::string& incident_id) {
  const std::string id = json::quoted(incident_id);
  return fmt::format(
      R"({{"type":"section","text":{{"type":"mrkdwn","text":{}}}}},)"
      R"({{"type":"actions","elements":[)"
      R"({{"type":"button","action_id":"{}","text":{{"type":"plain_text","text":"Acknowledge"}},"value":{}}},)"
      R"({{"type":"button","action_id":"{}","style":"primary","text":{{"type":"plain_text","text":"Resolve"}},"value":{}}}]}})",
      json::quoted(mrkdwn_text), kAcknowledgeAction, id, kResolveAction, id);
}

std::string slack_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace switchyard::domain::slack
