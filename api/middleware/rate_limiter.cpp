#include "middleware/rate_limiter.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace switchyard::api {
namespace {

// The start of the `period`-long window holding `now`, floored also before 1970.
std::int64_t window_start(std::int64_t now, std::int64_t period) {
  const std::int64_t offset = now % period;
  return now - (offset < 0 ? offset + period : offset);
}

}  // namespace

RateDecision RateLimiter::check(const RateLimit& limit, std::string_view caller_key,
                                std::int64_t now_epoch_s) {
  if (limit.requests == 0) return {true, 0, 0, 0, 0};
  const std::int64_t period = limit.period.count();
  if (period <= 0) {
    throw std::invalid_argument("rate limit " + limit.name + ": period is not positive");
  }
  const std::int64_t start = window_start(now_epoch_s, period);
  const std::uint64_t peers = peers_.load(std::memory_order_relaxed);
  const std::uint64_t budget = (limit.requests + peers - 1) / peers;

  std::string key = key_of(limit, caller_key);
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];

  bool allowed;
  std::uint32_t used;
  std::int64_t end;
  {
    std::lock_guard lock(shard.mutex);
    if (now_epoch_s >= shard.next_sweep_epoch) sweep(shard, now_epoch_s);
    auto [it, inserted] = shard.windows.try_emplace(std::move(key));
    Window& window = it->second;
    // Windows only move forward: a request stamped just before another thread
    // opened the next window counts in that newer window instead of reopening the
    // old one with a fresh count.
    if (inserted || start > window.start) window = {start, start + period, 0};
    allowed = window.used < budget;
    if (allowed) ++window.used;
    used = window.used;
    end = window.end;
  }

  return decision(limit, allowed, used, end, now_epoch_s);
}

RateDecision RateLimiter::peek(const RateLimit& limit, std::string_view caller_key,
                               std::int64_t now_epoch_s) const {
  if (limit.requests == 0) return {true, 0, 0, 0, 0};
  const std::int64_t period = limit.period.count();
  if (period <= 0) {
    throw std::invalid_argument("rate limit " + limit.name + ": period is not positive");
  }
  const std::int64_t start = window_start(now_epoch_s, period);
  const std::uint64_t peers = peers_.load(std::memory_order_relaxed);
  const std::uint64_t budget = (limit.requests + peers - 1) / peers;
  const std::string key = key_of(limit, caller_key);
  const Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::uint32_t used = 0;
  std::int64_t end = start + period;
  {
    std::lock_guard lock(shard.mutex);
    const auto it = shard.windows.find(key);
    if (it != shard.windows.end() && it->second.start >= start) {
      used = it->second.used;
      end = it->second.end;
    }
  }
  return decision(limit, used < budget, used, end, now_epoch_s);
}

// The class name never holds a NUL, so no two (class, caller) pairs share a key.
std::string RateLimiter::key_of(const RateLimit& limit, std::string_view caller_key) {
  std::string key;
  key.reserve(limit.name.size() + 1 + caller_key.size());
  key.append(limit.name).push_back('\0');
  key.append(caller_key);
  return key;
}

RateDecision RateLimiter::decision(const RateLimit& limit, bool allowed, std::uint32_t used,
                                   std::int64_t end, std::int64_t now_epoch_s) const {
  const std::uint64_t spent = std::uint64_t{used} * peers_.load(std::memory_order_relaxed);
  const auto remaining =
      static_cast<std::uint32_t>(spent >= limit.requests ? 0 : limit.requests - spent);
  return {allowed, limit.requests, remaining, end, allowed ? 0 : end - now_epoch_s};
}

void RateLimiter::set_peers(std::uint32_t peers) {
  peers_.store(std::max<std::uint32_t>(peers, 1), std::memory_order_relaxed);
}

std::size_t RateLimiter::tracked_windows() const {
  std::size_t total = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.windows.size();
  }
  return total;
}

// Runs on a request thread under the shard's lock, once per interval per shard: a
// pass over one shard's map costs far less than a thread of its own would.
void RateLimiter::sweep(Shard& shard, std::int64_t now_epoch_s) {
  std::erase_if(shard.windows,
                [now_epoch_s](const auto& entry) { return entry.second.end <= now_epoch_s; });
  shard.next_sweep_epoch = now_epoch_s + kSweepIntervalS;
}

}  // namespace switchyard::api
