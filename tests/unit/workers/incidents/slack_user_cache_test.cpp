// SlackUserCache (workers/incidents/slack_user_cache.hpp): found users are
// remembered by email, whatever its case, until their time runs out.
#include "incidents/slack_user_cache.hpp"

#include <gtest/gtest.h>

namespace switchyard::workers::incidents {
namespace {

using namespace std::chrono_literals;
const auto kStart = SlackUserCache::Clock::time_point{} + 1h;

TEST(SlackUserCache, RemembersAUserByEmailWhateverItsCase) {
  SlackUserCache cache(60s);
  cache.remember("Alice@Example.test", "U1", kStart);
  EXPECT_EQ(cache.find("alice@example.TEST", kStart + 59s), "U1");
  EXPECT_EQ(cache.find("bob@example.test", kStart), std::nullopt);
}

TEST(SlackUserCache, ForgetsAUserOnceTheirTimeRunsOut) {
  SlackUserCache cache(60s);
  cache.remember("alice@example.test", "U1", kStart);
  EXPECT_EQ(cache.find("alice@example.test", kStart + 60s), std::nullopt);
}

TEST(SlackUserCache, AFullCacheMakesRoomForTheNext) {
  SlackUserCache cache(60s, 2);
  cache.remember("a@x", "U1", kStart);
  cache.remember("b@x", "U2", kStart);
  cache.remember("c@x", "U3", kStart + 1s);
  EXPECT_EQ(cache.find("c@x", kStart + 2s), "U3");
}

}  // namespace
}  // namespace switchyard::workers::incidents
