// The war room's Slack channel name (workers/incidents/war_room_channel.hpp):
// what Slack accepts (80 characters of a-z, 0-9, '-', '_'), from any title.
#include "incidents/war_room_channel.hpp"

#include <gtest/gtest.h>

namespace switchyard::workers::incidents {
namespace {

bool slack_accepts(const std::string& name) {
  if (name.empty() || name.size() > kMaxSlackChannelName) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

TEST(WarRoomChannel, IsTheShortIdAndTheTitleInLowercaseWords) {
  EXPECT_EQ(war_room_channel_name("INC-X1Y2Z3", "Redis Cluster Down"),
            "inc-x1y2z3-redis-cluster-down");
}

TEST(WarRoomChannel, TurnsEveryOtherCharacterRunIntoOneDash) {
  EXPECT_EQ(war_room_channel_name("INC-A1", "  API: 5xx   errors (EU) — café!! "),
            "inc-a1-api-5xx-errors-eu-caf");
}

TEST(WarRoomChannel, AShortIdWithoutThePrefixGetsItOnce) {
  EXPECT_EQ(war_room_channel_name("X1Y2", "Down"), "inc-x1y2-down");
}

TEST(WarRoomChannel, ATitleWithNoLetterOrDigitLeavesTheShortId) {
  EXPECT_EQ(war_room_channel_name("INC-B2", "🔥🔥 !!"), "inc-b2");
  EXPECT_EQ(war_room_channel_name("INC-B2", ""), "inc-b2");
}

TEST(WarRoomChannel, ALongTitleIsCutAtAWordWithinEightyCharacters) {
  std::string title;
  for (int i = 0; i < 40; ++i) title += "database ";
  const std::string name = war_room_channel_name("INC-C3", title);
  EXPECT_TRUE(slack_accepts(name)) << name;
  EXPECT_LE(name.size(), kMaxSlackChannelName);
  EXPECT_EQ(name.substr(name.size() - 9), "-database") << name;
}

TEST(WarRoomChannel, OneHugeWordIsCutWhereItMustBe) {
  const std::string name = war_room_channel_name("INC-D4", std::string(10000, 'a'));
  EXPECT_EQ(name.size(), kMaxSlackChannelName);
  EXPECT_TRUE(slack_accepts(name)) << name;
}

TEST(WarRoomChannel, HostileTitlesStillGiveANameSlackAccepts) {
  for (const std::string& title : {std::string("a\0b", 3), std::string("\xff\xfe\x80"),
                                   std::string("-_-"), std::string(300, '-')}) {
    EXPECT_TRUE(slack_accepts(war_room_channel_name("INC-E5", title))) << title;
  }
}

}  // namespace
}  // namespace switchyard::workers::incidents
