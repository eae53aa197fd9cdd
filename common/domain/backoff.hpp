#pragma once
// The one backoff formula, for task retries and for reconnecting to the broker or
// the database: delay(n) = min(cap, base * 2^(n-1)), then ±jitter·delay at random.
#include <chrono>
#include <random>

namespace switchyard::domain {

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double jitter,
                                        std::mt19937_64& rng);

// Successive delays for one reconnection effort; reset() after a success.
class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, double jitter = 0.2)
      : base_(base), cap_(cap), jitter_(jitter), rng_(std::random_device{}()) {}

  std::chrono::milliseconds next() { return backoff_delay(++attempt_, base_, cap_, jitter_, rng_); }
  void reset() { attempt_ = 0; }
  int attempts() const { return attempt_; }

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  double jitter_;
  std::mt19937_64 rng_;
  int attempt_ = 0;
};

}  // namespace switchyard::domain
