// The backoff formula (common/domain/backoff.hpp):
// delay(n) = min(cap, base * 2^(n-1)) ± jitter·delay.
#include "domain/backoff.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <set>

namespace switchyard::domain {
namespace {

using std::chrono::milliseconds;

TEST(BackoffDelay, DoublesWithEachAttemptWithoutJitter) {
  std::mt19937_64 rng(1);
  EXPECT_EQ(backoff_delay(1, milliseconds(100), milliseconds(100000), 0.0, rng), milliseconds(100));
  EXPECT_EQ(backoff_delay(2, milliseconds(100), milliseconds(100000), 0.0, rng), milliseconds(200));
  EXPECT_EQ(backoff_delay(3, milliseconds(100), milliseconds(100000), 0.0, rng), milliseconds(400));
  EXPECT_EQ(backoff_delay(4, milliseconds(100), milliseconds(100000), 0.0, rng), milliseconds(800));
  EXPECT_EQ(backoff_delay(8, milliseconds(100), milliseconds(100000), 0.0, rng),
            milliseconds(12800));
}

TEST(BackoffDelay, NeverExceedsTheCap) {
  std::mt19937_64 rng(2);
  EXPECT_EQ(backoff_delay(10, milliseconds(1000), milliseconds(60000), 0.0, rng),
            milliseconds(60000));
  EXPECT_EQ(backoff_delay(1000, milliseconds(1000), milliseconds(60000), 0.0, rng),
            milliseconds(60000));
  for (int i = 0; i < 1000; ++i) {
    EXPECT_LE(backoff_delay(20, milliseconds(1000), milliseconds(60000), 0.5, rng),
              milliseconds(60000));
  }
}

TEST(BackoffDelay, TreatsAttemptsBelowOneAsTheFirst) {
  std::mt19937_64 rng(3);
  EXPECT_EQ(backoff_delay(0, milliseconds(250), milliseconds(10000), 0.0, rng), milliseconds(250));
  EXPECT_EQ(backoff_delay(-5, milliseconds(250), milliseconds(10000), 0.0, rng), milliseconds(250));
}

TEST(BackoffDelay, StaysWithinTheJitterBoundsAndActuallyVaries) {
  std::mt19937_64 rng(4);
  std::set<long long> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto delay = backoff_delay(3, milliseconds(1000), milliseconds(60000), 0.2, rng);
    EXPECT_GE(delay, milliseconds(3200));  // 4000 - 20 %
    EXPECT_LE(delay, milliseconds(4800));  // 4000 + 20 %
    seen.insert(delay.count());
  }
  EXPECT_GT(seen.size(), 100u);
  EXPECT_LT(*seen.begin(), 3600);  // both halves of the range are used
  EXPECT_GT(*seen.rbegin(), 4400);
}

TEST(Backoff, GrowsWithEachCallAndCountsAttempts) {
  Backoff backoff(milliseconds(100), milliseconds(1000), 0.0);
  EXPECT_EQ(backoff.attempts(), 0);
  EXPECT_EQ(backoff.next(), milliseconds(100));
  EXPECT_EQ(backoff.next(), milliseconds(200));
  EXPECT_EQ(backoff.next(), milliseconds(400));
  EXPECT_EQ(backoff.next(), milliseconds(800));
  EXPECT_EQ(backoff.next(), milliseconds(1000));
  EXPECT_EQ(backoff.next(), milliseconds(1000));
  EXPECT_EQ(backoff.attempts(), 6);
}

TEST(Backoff, StartsOverAfterReset) {
  Backoff backoff(milliseconds(100), milliseconds(1000), 0.0);
  backoff.next();
  backoff.next();
  backoff.next();
  backoff.reset();
  EXPECT_EQ(backoff.attempts(), 0);
  EXPECT_EQ(backoff.next(), milliseconds(100));
  EXPECT_EQ(backoff.attempts(), 1);
}

TEST(Backoff, AppliesItsDefaultJitterOfTwentyPercent) {
  Backoff backoff(milliseconds(1000), milliseconds(60000));
  for (int i = 0; i < 200; ++i) {
    backoff.reset();
    const auto delay = backoff.next();
    EXPECT_GE(delay, milliseconds(800));
    EXPECT_LE(delay, milliseconds(1200));
  }
}

}  // namespace
}  // namespace switchyard::domain
