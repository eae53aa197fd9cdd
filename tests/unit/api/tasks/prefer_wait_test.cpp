// preferred_wait() (api/tasks/task_submission.hpp): the RFC 7240
// `Prefer: wait=N` header, in seconds, capped at the configured maximum.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "tasks/task_submission.hpp"

namespace switchyard::api {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

std::optional<milliseconds> wait_for(std::optional<std::string> header, seconds max = seconds(30)) {
  return preferred_wait(header, max);
}

TEST(PreferredWait, ReadsASingleWaitInSeconds) {
  EXPECT_EQ(wait_for("wait=5"), milliseconds(5000));
  EXPECT_EQ(wait_for("wait=0"), milliseconds(0));
}

TEST(PreferredWait, FindsTheWaitAmongOtherPreferences) {
  EXPECT_EQ(wait_for("respond-async, wait=10"), milliseconds(10000));
  EXPECT_EQ(wait_for("respond-async,wait=7"), milliseconds(7000));
  EXPECT_EQ(wait_for("wait=3; respond-async"), milliseconds(3000));
  EXPECT_EQ(wait_for("return=minimal, wait=2, handling=lenient"), milliseconds(2000));
}

TEST(PreferredWait, CapsTheWaitAtTheMaximum) {
  EXPECT_EQ(wait_for("wait=100", seconds(30)), milliseconds(30000));
  EXPECT_EQ(wait_for("wait=100000000000", seconds(30)), milliseconds(30000));
  EXPECT_EQ(wait_for("wait=30", seconds(30)), milliseconds(30000));
  EXPECT_EQ(wait_for("wait=29", seconds(30)), milliseconds(29000));
}

TEST(PreferredWait, IsAbsentWithoutTheHeader) {
  EXPECT_EQ(wait_for(std::nullopt), std::nullopt);
  EXPECT_EQ(wait_for(""), std::nullopt);
  EXPECT_EQ(wait_for("respond-async"), std::nullopt);
}

TEST(PreferredWait, ReadsTheNameCaseInsensitivelyWithSpacesAroundTheEqualsSign) {
  EXPECT_EQ(wait_for("Wait=5"), std::chrono::milliseconds(5000));
  EXPECT_EQ(wait_for("respond-async; wait = 2"), std::chrono::milliseconds(2000));
}

TEST(PreferredWait, IsAbsentForGarbage) {
  EXPECT_EQ(wait_for("wait="), std::nullopt);
  EXPECT_EQ(wait_for("wait=soon"), std::nullopt);
  EXPECT_EQ(wait_for("wait=5s"), std::nullopt);
  EXPECT_EQ(wait_for("wait=-3"), std::nullopt);
  EXPECT_EQ(wait_for("wait=1.5"), std::nullopt);
  EXPECT_EQ(wait_for("waiting=5"), std::nullopt);
  EXPECT_EQ(wait_for(",,,"), std::nullopt);
}

}  // namespace
}  // namespace switchyard::api
