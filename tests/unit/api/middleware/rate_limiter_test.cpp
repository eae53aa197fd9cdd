// RateLimiter (api/middleware/rate_limiter.hpp): aligned fixed windows, and each
// process's share of a deployment-wide limit.
#include "middleware/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace switchyard::api {
namespace {

using namespace std::chrono_literals;

// 2023-11-14T22:14:00Z: the start of a minute, not of an hour.
constexpr std::int64_t kMinute = 1'700'000'040;
// 2023-11-14T22:00:00Z: the start of an hour.
constexpr std::int64_t kHour = 1'699'999'200;

const RateLimit kAuth{"auth", 5, 60s};
const RateLimit kWebhooks{"webhooks", 100, 60s};
const RateLimit kStandard{"standard", 1000, 3600s};

TEST(RateLimiter, AllowsUpToTheLimitThenRefusesUntilTheWindowEnds) {
  RateLimiter limiter;
  const std::int64_t now = kMinute + 15;
  for (std::uint32_t i = 1; i <= 5; ++i) {
    const auto decision = limiter.check(kAuth, "token-a", now);
    EXPECT_TRUE(decision.allowed) << "request " << i;
    EXPECT_EQ(decision.limit, 5u);
    EXPECT_EQ(decision.remaining, 5u - i);
    EXPECT_EQ(decision.reset_epoch, kMinute + 60);
    EXPECT_EQ(decision.retry_after_s, 0);
  }
  const auto refused = limiter.check(kAuth, "token-a", now);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.limit, 5u);
  EXPECT_EQ(refused.remaining, 0u);
  EXPECT_EQ(refused.reset_epoch, kMinute + 60);
  EXPECT_EQ(refused.retry_after_s, 45);

  const auto later = limiter.check(kAuth, "token-a", kMinute + 59);
  EXPECT_FALSE(later.allowed);
  EXPECT_EQ(later.retry_after_s, 1);
}

TEST(RateLimiter, PeeksWithoutCounting) {
  RateLimiter limiter;
  const std::int64_t now = kMinute + 15;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.peek(kAuth, "account", now).allowed);
  for (int i = 0; i < 5; ++i) limiter.check(kAuth, "account", now);
  const auto spent = limiter.peek(kAuth, "account", now);
  EXPECT_FALSE(spent.allowed);
  EXPECT_EQ(spent.retry_after_s, 45);
  EXPECT_TRUE(limiter.peek(kAuth, "account", kMinute + 60).allowed);  // the next window
  EXPECT_TRUE(limiter.peek(kAuth, "another", now).allowed);
}

TEST(RateLimiter, AlignsTheResetToTheWindowLength) {
  RateLimiter limiter;
  // Callers arriving at different times of one hour share the hour's end, which
  // is what lets every process compute the same reset on its own.
  EXPECT_EQ(limiter.check(kStandard, "a", kHour).reset_epoch, kHour + 3600);
  EXPECT_EQ(limiter.check(kStandard, "b", kHour + 1234).reset_epoch, kHour + 3600);
  EXPECT_EQ(limiter.check(kStandard, "c", kHour + 3599).reset_epoch, kHour + 3600);
  EXPECT_EQ(limiter.check(kStandard, "d", kHour + 3600).reset_epoch, kHour + 7200);
  EXPECT_EQ(limiter.check(kAuth, "a", kHour + 1234).reset_epoch, kHour + 1260);
}

TEST(RateLimiter, AllowsAgainInTheNextWindow) {
  RateLimiter limiter;
  for (int i = 0; i < 5; ++i) limiter.check(kAuth, "token-a", kMinute + 10);
  ASSERT_FALSE(limiter.check(kAuth, "token-a", kMinute + 10).allowed);

  const auto next = limiter.check(kAuth, "token-a", kMinute + 60);
  EXPECT_TRUE(next.allowed);
  EXPECT_EQ(next.remaining, 4u);
  EXPECT_EQ(next.reset_epoch, kMinute + 120);
}

TEST(RateLimiter, CountsARequestStampedBeforeTheCurrentWindowInIt) {
  RateLimiter limiter;
  const RateLimit two{"auth", 2, 60s};
  EXPECT_TRUE(limiter.check(two, "a", kMinute + 60).allowed);
  // A thread that read the clock just before the window moved on: it must not
  // reopen the old window with a fresh count.
  const auto late = limiter.check(two, "a", kMinute + 59);
  EXPECT_TRUE(late.allowed);
  EXPECT_EQ(late.remaining, 0u);
  EXPECT_EQ(late.reset_epoch, kMinute + 120);
  EXPECT_FALSE(limiter.check(two, "a", kMinute + 61).allowed);
}

TEST(RateLimiter, KeepsCallersAndLimitClassesApart) {
  RateLimiter limiter;
  for (int i = 0; i < 5; ++i) limiter.check(kAuth, "token-a", kMinute);
  ASSERT_FALSE(limiter.check(kAuth, "token-a", kMinute).allowed);

  EXPECT_TRUE(limiter.check(kAuth, "token-b", kMinute).allowed);
  const auto webhooks = limiter.check(kWebhooks, "token-a", kMinute);
  EXPECT_TRUE(webhooks.allowed);
  EXPECT_EQ(webhooks.remaining, 99u);

  // The class name and the caller key do not run into each other.
  const RateLimit ab{"ab", 1, 60s};
  const RateLimit a{"a", 1, 60s};
  EXPECT_TRUE(limiter.check(ab, "c", kMinute).allowed);
  EXPECT_TRUE(limiter.check(a, "bc", kMinute).allowed);
}

TEST(RateLimiter, SplitsTheLimitBetweenPeersAndEstimatesTheDeploymentsRemaining) {
  RateLimiter limiter;
  limiter.set_peers(3);
  const RateLimit ten{"standard", 10, 3600s};
  // ceil(10 / 3) = 4 here; remaining = 10 - used * 3, at least 0.
  const std::uint32_t expected_remaining[] = {7, 4, 1, 0};
  for (std::uint32_t expected : expected_remaining) {
    const auto decision = limiter.check(ten, "token-a", kHour);
    EXPECT_TRUE(decision.allowed);
    EXPECT_EQ(decision.limit, 10u);  // the headers show the deployment's limit
    EXPECT_EQ(decision.remaining, expected);
  }
  const auto refused = limiter.check(ten, "token-a", kHour);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.remaining, 0u);
  EXPECT_EQ(refused.retry_after_s, 3600);
}

TEST(RateLimiter, TakesZeroPeersAsOne) {
  RateLimiter limiter;
  EXPECT_EQ(limiter.peers(), 1u);
  limiter.set_peers(0);
  EXPECT_EQ(limiter.peers(), 1u);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.check(kAuth, "a", kMinute).allowed);
  EXPECT_FALSE(limiter.check(kAuth, "a", kMinute).allowed);
}

TEST(RateLimiter, AllowsEverythingUnderAnUnlimitedLimit) {
  RateLimiter limiter;
  const RateLimit unlimited{"admin", 0, 3600s};
  for (int i = 0; i < 10000; ++i) {
    const auto decision = limiter.check(unlimited, "root", kHour);
    ASSERT_TRUE(decision.allowed);
    EXPECT_EQ(decision.limit, 0u);
    EXPECT_EQ(decision.remaining, 0u);
    EXPECT_EQ(decision.reset_epoch, 0);
    EXPECT_EQ(decision.retry_after_s, 0);
  }
  EXPECT_EQ(limiter.tracked_windows(), 0u);
}

TEST(RateLimiter, RejectsAPeriodThatIsNotPositive) {
  RateLimiter limiter;
  EXPECT_THROW(limiter.check(RateLimit{"broken", 5, 0s}, "a", kMinute), std::invalid_argument);
}

TEST(RateLimiter, DropsWindowsThatHaveEnded) {
  RateLimiter limiter;
  for (int i = 0; i < 1000; ++i) limiter.check(kAuth, "old-" + std::to_string(i), kMinute);
  EXPECT_EQ(limiter.tracked_windows(), 1000u);
  // Two minutes on, the first windows have ended and every shard is due a sweep;
  // a thousand new callers touch every shard.
  for (int i = 0; i < 1000; ++i) limiter.check(kAuth, "new-" + std::to_string(i), kMinute + 120);
  EXPECT_EQ(limiter.tracked_windows(), 1000u);
}

TEST(RateLimiter, NeverAllowsMoreThanTheShareFromManyThreads) {
  for (std::uint32_t peers : {1u, 3u}) {
    RateLimiter limiter;
    limiter.set_peers(peers);
    const std::uint32_t share = (kStandard.requests + peers - 1) / peers;
    std::atomic<std::uint32_t> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 500; ++i) {
          if (limiter.check(kStandard, "token-a", kHour + 10).allowed) ++allowed;
          limiter.check(kStandard, "token-" + std::to_string(i % 7), kHour + 10);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(allowed.load(), share) << peers << " peers";
  }
}

}  // namespace
}  // namespace switchyard::api
