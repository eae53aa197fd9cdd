#include "incidents/slack_user_cache.hpp"

#include <algorithm>
#include <cctype>

namespace switchyard::workers::incidents {
namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::optional<std::string> SlackUserCache::find(const std::string& email, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(lowercase(email));
  if (it == entries_.end() || it->second.expires <= now) return std::nullopt;
  return it->second.user_id;
}

void SlackUserCache::remember(const std::string& email, const std::string& user_id,
                              Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_) {
    // Full: drop what expired, and everything if that was not enough (a cache
    // this size is only full in a workspace far larger than any rotation).
    std::erase_if(entries_, [now](const auto& entry) { return entry.second.expires <= now; });
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_[lowercase(email)] = {user_id, now + ttl_};
}

}  // namespace switchyard::workers::incidents
