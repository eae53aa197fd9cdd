#pragma once
// The create modal of Slack chat-ops (`/imas incident create` without words):
// opened by slack.open_create_modal (views.open), submitted to
// /api/v1/slack/interactive/ as a view_submission whose state.values hold the
// inputs below, by block id then action id. Both sides name these constants.
#include <string>
#include <utility>
#include <vector>

namespace switchyard::domain::slack {

inline constexpr const char* kTitleBlock = "title_block";
inline constexpr const char* kTitleInput = "title";
inline constexpr const char* kSeverityBlock = "severity_block";
inline constexpr const char* kSeverityInput = "severity";
inline constexpr const char* kServiceBlock = "service_block";
inline constexpr const char* kServiceInput = "service";

// The modal view's JSON text: a title, a severity (SEV3 chosen) and one of
// `services` ({id, name}; Slack takes at most 100 options).
std::string create_modal_view(const std::vector<std::pair<std::string, std::string>>& services);

}  // namespace switchyard::domain::slack
