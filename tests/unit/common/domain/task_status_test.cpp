// TaskStatus (common/domain/task_status.hpp): names, finality, and the progress()
// order that keeps a stored status from ever moving backwards.
#include "domain/task_status.hpp"

#include <gtest/gtest.h>

#include <string>

namespace switchyard::domain {
namespace {

// Final for good: nothing moves a task out of these.
constexpr TaskStatus kFinals[] = {TaskStatus::kSucceeded, TaskStatus::kFailed,
                                  TaskStatus::kCancelled};

TEST(TaskStatus, OrdersQueuedRunningRetryingWithinOneAttempt) {
  for (int attempt : {0, 1, 2, 7, 100}) {
    EXPECT_LT(progress(TaskStatus::kQueued, attempt), progress(TaskStatus::kRunning, attempt));
    EXPECT_LT(progress(TaskStatus::kRunning, attempt), progress(TaskStatus::kRetrying, attempt));
  }
}

TEST(TaskStatus, PutsTheNextAttemptAheadOfEverythingInThePreviousOne) {
  for (int attempt : {1, 2, 3, 50}) {
    EXPECT_LT(progress(TaskStatus::kRetrying, attempt), progress(TaskStatus::kQueued, attempt + 1));
    EXPECT_LT(progress(TaskStatus::kRunning, attempt), progress(TaskStatus::kRunning, attempt + 1));
  }
}

TEST(TaskStatus, PutsEveryFinalStatusAheadOfAllOthersAtAnyAttempt) {
  for (TaskStatus final_status : kFinals) {
    for (TaskStatus other : {TaskStatus::kQueued, TaskStatus::kRunning, TaskStatus::kRetrying}) {
      for (int attempt : {1, 10, 1000, 100000}) {
        EXPECT_GT(progress(final_status, 1), progress(other, attempt))
            << to_string(final_status) << " vs " << to_string(other) << "@" << attempt;
      }
    }
  }
}

TEST(TaskStatus, RanksFinalStatusesEquallySoNoneOverwritesAnother) {
  for (TaskStatus a : kFinals) {
    for (TaskStatus b : kFinals) {
      EXPECT_EQ(progress(a, 1), progress(b, 3)) << to_string(a) << " vs " << to_string(b);
    }
  }
}

TEST(TaskStatus, ClosesAnAttemptWithDeadSoThatAReplayedAttemptGoesOn) {
  for (int attempt : {1, 3, 20}) {
    EXPECT_GT(progress(TaskStatus::kDead, attempt), progress(TaskStatus::kRetrying, attempt));
    EXPECT_GT(progress(TaskStatus::kDead, attempt), progress(TaskStatus::kRunning, attempt));
    EXPECT_LT(progress(TaskStatus::kDead, attempt), progress(TaskStatus::kRunning, attempt + 1));
    EXPECT_LT(progress(TaskStatus::kDead, attempt), progress(TaskStatus::kSucceeded, 1));
  }
}

TEST(TaskStatus, RoundTripsEveryStatusThroughItsName) {
  for (TaskStatus status : kAllTaskStatuses) {
    const auto parsed = parse_task_status(to_string(status));
    ASSERT_TRUE(parsed.has_value()) << to_string(status);
    EXPECT_EQ(*parsed, status);
  }
}

TEST(TaskStatus, UsesTheDocumentedLowercaseNames) {
  EXPECT_EQ(to_string(TaskStatus::kQueued), "queued");
  EXPECT_EQ(to_string(TaskStatus::kRunning), "running");
  EXPECT_EQ(to_string(TaskStatus::kRetrying), "retrying");
  EXPECT_EQ(to_string(TaskStatus::kSucceeded), "succeeded");
  EXPECT_EQ(to_string(TaskStatus::kFailed), "failed");
  EXPECT_EQ(to_string(TaskStatus::kDead), "dead");
  EXPECT_EQ(to_string(TaskStatus::kCancelled), "cancelled");
}

TEST(TaskStatus, RejectsUnknownNames) {
  EXPECT_FALSE(parse_task_status("").has_value());
  EXPECT_FALSE(parse_task_status("Queued").has_value());
  EXPECT_FALSE(parse_task_status("done").has_value());
  EXPECT_FALSE(parse_task_status("canceled").has_value());
  EXPECT_FALSE(parse_task_status("queued ").has_value());
}

TEST(TaskStatus, CallsOnlySucceededFailedDeadAndCancelledFinal) {
  EXPECT_FALSE(is_final(TaskStatus::kQueued));
  EXPECT_FALSE(is_final(TaskStatus::kRunning));
  EXPECT_FALSE(is_final(TaskStatus::kRetrying));
  for (TaskStatus status : kFinals) EXPECT_TRUE(is_final(status)) << to_string(status);
}

}  // namespace
}  // namespace switchyard::domain
