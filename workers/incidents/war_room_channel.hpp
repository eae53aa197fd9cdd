#pragma once
// The name of an incident's war room in Slack: `inc-<short id>-<title slug>`,
// e.g. "inc-x1y2z3-redis-cluster-down" for INC-X1Y2Z3 "Redis Cluster Down". Slack
// takes at most 80 characters among lowercase letters, digits, '-' and '_'; the
// title is cut to fit (at a word when it can), every other character run becomes
// one '-', and a title with nothing left gives "inc-<short id>" alone.
#include <string>
#include <string_view>

namespace switchyard::workers::incidents {

inline constexpr std::size_t kMaxSlackChannelName = 80;

std::string war_room_channel_name(std::string_view short_id, std::string_view title);

}  // namespace switchyard::workers::incidents
