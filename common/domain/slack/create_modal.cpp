#include "domain/slack/create_modal.hpp"

#include <fmt/format.h>

#include <array>

#include "domain/slack/incident_buttons.hpp"
#include "json/json_fields.hpp"

namespace switchyard::domain::slack {
namespace {

std::string option(std::string_view label, std::string_view value) {
  // A plain_text option's text is at most 75 characters.
  std::string text(label.substr(0, 75));
  return fmt::format(R"({{"text":{{"type":"plain_text","text":{}}},"value":{}}})",
                     json::quoted(text), json::quoted(value));
}

}  // namespace

std::string create_modal_view(const std::vector<std::pair<std::string, std::string>>& services) {
  constexpr std::array<std::string_view, 4> kSeverities{"SEV1_CRITICAL", "SEV2_HIGH", "SEV3_MEDIUM",
                                                        "SEV4_LOW"};
  std::string severities;
  for (const auto severity : kSeverities) {
    severities += (severities.empty() ? "" : ",") + option(severity, severity);
  }
  std::string choices;
  for (const auto& [id, name] : services) {
    choices += (choices.empty() ? "" : ",") + option(name, id);
  }
  return fmt::format(
      R"({{"type":"modal","callback_id":"{}","title":{{"type":"plain_text","text":"New incident"}},)"
      R"("submit":{{"type":"plain_text","text":"Create"}},"blocks":[)"
      R"({{"type":"input","block_id":"{}","label":{{"type":"plain_text","text":"Title"}},)"
      R"("element":{{"type":"plain_text_input","action_id":"{}","max_length":200}}}},)"
      R"({{"type":"input","block_id":"{}","label":{{"type":"plain_text","text":"Severity"}},)"
      R"("element":{{"type":"static_select","action_id":"{}","options":[{}],"initial_option":{}}}}},)"
      R"({{"type":"input","block_id":"{}","label":{{"type":"plain_text","text":"Service"}},)"
      R"("element":{{"type":"static_select","action_id":"{}","options":[{}]}}}}]}})",
      kCreateModalCallback, kTitleBlock, kTitleInput, kSeverityBlock, kSeverityInput, severities,
      option("SEV3_MEDIUM", "SEV3_MEDIUM"), kServiceBlock, kServiceInput, choices);
}

}  // namespace switchyard::domain::slack
