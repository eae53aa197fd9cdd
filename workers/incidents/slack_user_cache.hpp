#pragma once
// Slack user ids by email, remembered by a worker for a few minutes: a new
// incident's war room and its on-call's direct message look up the same person,
// and so do all the incidents of one on-call shift, so most lookups
// (users.lookupByEmail) never leave the process. Only found users are kept: one
// who joins Slack is found at the next incident. Thread-safe.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace switchyard::workers::incidents {

class SlackUserCache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SlackUserCache(std::chrono::seconds ttl = std::chrono::minutes(10),
                          std::size_t capacity = 10000)
      : ttl_(ttl), capacity_(capacity) {}

  // The id remembered for `email` (any case) if it is younger than the TTL.
  std::optional<std::string> find(const std::string& email, Clock::time_point now = Clock::now());
  void remember(const std::string& email, const std::string& user_id,
                Clock::time_point now = Clock::now());

 private:
  struct Entry {
    std::string user_id;
    Clock::time_point expires;
  };

  std::chrono::seconds ttl_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by lowercase email
};

}  // namespace switchyard::workers::incidents
