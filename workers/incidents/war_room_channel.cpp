#include "incidents/war_room_channel.hpp"

namespace switchyard::workers::incidents {
namespace {

// Lowercase ASCII letters and digits kept, every other run of characters one '-',
// none at either end.
std::string slug(std::string_view text) {
  std::string out;
  bool gap = false;
  for (const char c : text) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      if (gap && !out.empty()) out += '-';
      out += lower;
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

}  // namespace

std::string war_room_channel_name(std::string_view short_id, std::string_view title) {
  std::string id = slug(short_id);
  if (id.rfind("inc-", 0) == 0) id.erase(0, 4);  // INC-X1Y2Z3: "inc-" once, not twice
  std::string name = "inc-" + id;
  if (name.size() > kMaxSlackChannelName) name.resize(kMaxSlackChannelName);
  const std::string words = slug(title);
  if (words.empty() || name.size() + 1 >= kMaxSlackChannelName) return name;
  const std::size_t room = kMaxSlackChannelName - name.size() - 1;
  std::string part = words.substr(0, room);
  if (words.size() > room) {
    // Cut at the last whole word that fits, unless that leaves nothing.
    const bool cut_in_word = words[room] != '-';
    const auto last_gap = part.rfind('-');
    if (cut_in_word && last_gap != std::string::npos && last_gap > 0) part.resize(last_gap);
    while (!part.empty() && part.back() == '-') part.pop_back();
  }
  return part.empty() ? name : name + "-" + part;
}

}  // namespace switchyard::workers::incidents
