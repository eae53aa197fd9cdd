// The retry decision after a failed attempt (workers/retry_policy.hpp): a failure
// no retry can fix fails the task, attempts left retry it after the backoff
// (common/domain/backoff.hpp) rounded to a delay queue's step — or at least the
// wait the failure asked for (Retry-After) — and the last attempt's failure makes
// it dead.
#include "retry_policy.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "amqp/delay_queues.hpp"
#include "support/function_handler.hpp"

namespace switchyard::workers {
namespace {

using domain::TaskStatus;
using std::chrono::milliseconds;
using switchyard::testing::sample_task;

config::RetryPolicy exact(int base_ms, int max_ms) {
  config::RetryPolicy policy;
  policy.backoff_base_ms = base_ms;
  policy.backoff_max_ms = max_ms;
  policy.jitter = 0;
  return policy;
}

envelope::TaskEnvelope on_attempt(int attempt, int max_attempts) {
  auto task = sample_task();
  task.attempt = attempt;
  task.max_attempts = max_attempts;
  return task;
}

TEST(RetryPolicy, FailsAFailureNoRetryCanFixWhateverAttemptsAreLeft) {
  std::mt19937_64 rng(1);
  const auto decision = decide_after_failure(on_attempt(1, 5), exact(1000, 60000), false, rng);
  EXPECT_EQ(decision.status, TaskStatus::kFailed);
  EXPECT_EQ(decision.delay, nullptr);
}

TEST(RetryPolicy, RetriesWhileAttemptsAreLeftAfterTheDoublingDelay) {
  std::mt19937_64 rng(1);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const auto decision =
        decide_after_failure(on_attempt(attempt, 4), exact(1000, 60000), true, rng);
    ASSERT_EQ(decision.status, TaskStatus::kRetrying) << "attempt " << attempt;
    ASSERT_NE(decision.delay, nullptr);
    EXPECT_EQ(decision.delay, &amqp::nearest_delay_step(milliseconds(1000 << (attempt - 1))))
        << "attempt " << attempt;
  }
}

TEST(RetryPolicy, NeverWaitsLongerThanTheCapsStep) {
  std::mt19937_64 rng(1);
  const auto decision = decide_after_failure(on_attempt(20, 25), exact(1000, 60000), true, rng);
  ASSERT_EQ(decision.status, TaskStatus::kRetrying);
  EXPECT_EQ(decision.delay, &amqp::nearest_delay_step(milliseconds(60000)));
}

TEST(RetryPolicy, MakesTheTaskDeadWhenItsLastAttemptFails) {
  std::mt19937_64 rng(1);
  EXPECT_EQ(decide_after_failure(on_attempt(3, 3), exact(1000, 60000), true, rng).status,
            TaskStatus::kDead);
  EXPECT_EQ(decide_after_failure(on_attempt(4, 3), exact(1000, 60000), true, rng).status,
            TaskStatus::kDead)
      << "an attempt past the limit (a lowered limit) is dead too";
  EXPECT_EQ(decide_after_failure(on_attempt(1, 1), exact(1000, 60000), true, rng).status,
            TaskStatus::kDead);
}

TEST(RetryPolicy, RetriesOnAStepNearTheJitteredDelay) {
  config::RetryPolicy policy = exact(10000, 60000);
  policy.jitter = 0.5;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    const auto decision = decide_after_failure(on_attempt(1, 3), policy, true, rng);
    ASSERT_NE(decision.delay, nullptr);
    EXPECT_GE(decision.delay->delay, amqp::nearest_delay_step(milliseconds(5000)).delay);
    EXPECT_LE(decision.delay->delay, amqp::nearest_delay_step(milliseconds(15000)).delay);
  }
}

TEST(RetryPolicy, WaitsAtLeastTheRetryAfterTheFailureAskedFor) {
  std::mt19937_64 rng(1);
  // 3 s asked, 1 s of backoff: the 5 s step, never the nearer 2 s one.
  auto decision =
      decide_after_failure(on_attempt(1, 5), exact(1000, 60000), true, rng, milliseconds(3000));
  ASSERT_EQ(decision.status, TaskStatus::kRetrying);
  EXPECT_EQ(decision.delay->delay, milliseconds(5000));
  // Shorter than the backoff: the backoff decides.
  decision =
      decide_after_failure(on_attempt(3, 5), exact(1000, 60000), true, rng, milliseconds(500));
  EXPECT_EQ(decision.delay, &amqp::nearest_delay_step(milliseconds(4000)));
  // Past every step: the longest.
  decision =
      decide_after_failure(on_attempt(1, 5), exact(1000, 60000), true, rng, std::chrono::hours(30));
  EXPECT_EQ(decision.delay, &amqp::delay_steps().back());
  // It never turns a last attempt or a pointless retry into a retry.
  EXPECT_EQ(
      decide_after_failure(on_attempt(5, 5), exact(1000, 60000), true, rng, milliseconds(3000))
          .status,
      TaskStatus::kDead);
}

}  // namespace
}  // namespace switchyard::workers
