#pragma once
// The incident manager's closed vocabularies, as the IMAS document spells them
// (requests may use any case: "triggered" is TRIGGERED).
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::api::incidents {

inline const std::vector<std::string_view> kStatuses = {"TRIGGERED", "ACKNOWLEDGED", "MITIGATED",
                                                        "RESOLVED"};
inline const std::vector<std::string_view> kSeverities = {"SEV1_CRITICAL", "SEV2_HIGH",
                                                          "SEV3_MEDIUM", "SEV4_LOW"};
inline constexpr std::string_view kDefaultSeverity = "SEV3_MEDIUM";
inline const std::vector<std::string_view> kCommentTypes = {"note", "update", "investigation",
                                                            "action", "resolution"};

// INC- and six letters or digits, any case.
inline bool is_short_id(std::string_view key) {
  if (key.size() != 10 || key[3] != '-') return false;
  const auto is = [](char c, char upper) { return c == upper || c == upper + ('a' - 'A'); };
  if (!is(key[0], 'I') || !is(key[1], 'N') || !is(key[2], 'C')) return false;
  for (char c : key.substr(4)) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum) return false;
  }
  return true;
}

}  // namespace switchyard::api::incidents
