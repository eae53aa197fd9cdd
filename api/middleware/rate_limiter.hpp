#pragma once
// RateLimiter: fixed-window request limits (per limit class and caller) that hold
// for the whole deployment without shared state on the request path. Each API
// process enforces its share, ceil(requests / peers), of a limit, where `peers` is
// the number of live API processes (ApiPeers reads it from the broker). Windows are
// aligned to their length (start = floor(now / period) * period), so every process
// agrees on when a window resets without talking to the others.
//
// Trade-offs of the local share: rounding up lets the deployment allow up to
// peers - 1 requests more than the limit, and a caller whom the load balancer pins
// to one process gets only that process's share. Both are accepted to keep the hot
// path free of database writes and broker round trips.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace switchyard::api {

// `requests` per `period` (which must be positive); 0 requests means unlimited.
struct RateLimit {
  std::string name;  // the limit class (auth, webhooks, standard…): its own counters
  std::uint32_t requests;
  std::chrono::seconds period;
};

struct RateDecision {
  bool allowed;
  std::uint32_t limit;         // X-RateLimit-Limit: the deployment-wide limit
  std::uint32_t remaining;     // X-RateLimit-Remaining, see RateLimiter::check
  std::int64_t reset_epoch;    // X-RateLimit-Reset: unix seconds of the window end
  std::int64_t retry_after_s;  // refused: seconds until the window ends; else 0
};

class RateLimiter {
 public:
  // Counts the request against `caller_key` (a token or an IP) in `limit`'s class
  // at `now_epoch_s` and says whether it may proceed. `remaining` estimates what is
  // left for the whole deployment, assuming the caller's requests are spread evenly
  // over the processes: limit - used * peers, at least 0. An unlimited limit is
  // always allowed and reports zeros (the caller sends no X-RateLimit headers).
  // Thread-safe.
  RateDecision check(const RateLimit& limit, std::string_view caller_key, std::int64_t now_epoch_s);

  // What check would answer, without counting anything: for limits that count
  // only some outcomes (wrong passwords), asked before the attempt.
  RateDecision peek(const RateLimit& limit, std::string_view caller_key,
                    std::int64_t now_epoch_s) const;

  // The number of live API processes sharing the limits; 0 is taken as 1.
  void set_peers(std::uint32_t peers);
  std::uint32_t peers() const { return peers_.load(std::memory_order_relaxed); }

  // Windows currently held in memory (for tests and metrics).
  std::size_t tracked_windows() const;

 private:
  struct Window {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::uint32_t used = 0;
  };
  // Request threads contend only when their keys hash to the same shard; each shard
  // sits on its own cache line so that unrelated locks do not share one.
  struct alignas(64) Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Window> windows;
    std::int64_t next_sweep_epoch = 0;
  };
  static constexpr std::size_t kShards = 16;
  // How often a shard drops its ended windows, on the first request to reach it
  // after this long: on a shard with traffic, an ended window outlives its end by at
  // most this much, so the map holds about one window per recent caller.
  static constexpr std::int64_t kSweepIntervalS = 60;

  static void sweep(Shard& shard, std::int64_t now_epoch_s);
  static std::string key_of(const RateLimit& limit, std::string_view caller_key);
  RateDecision decision(const RateLimit& limit, bool allowed, std::uint32_t used, std::int64_t end,
                        std::int64_t now_epoch_s) const;

  std::array<Shard, kShards> shards_;
  std::atomic<std::uint32_t> peers_{1};
};

}  // namespace switchyard::api
