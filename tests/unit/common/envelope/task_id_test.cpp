// new_task_id() and is_valid_uuid() (common/envelope/task_id.hpp): ids are
// canonical UUIDv7, unique, and sort by the millisecond they were made in.
#include "envelope/task_id.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "support/test_servers.hpp"

namespace switchyard::envelope {
namespace {

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

std::uint64_t unix_ms_of(const std::string& id) {
  const std::string hex = id.substr(0, 8) + id.substr(9, 4);
  return std::stoull(hex, nullptr, 16);
}

std::uint64_t now_ms() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

TEST(TaskId, IsACanonicalLowercaseUuid) {
  const std::string id = new_task_id();
  ASSERT_EQ(id.size(), 36u) << id;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(id[i], '-') << id;
    } else {
      EXPECT_TRUE(is_lower_hex(id[i])) << id << " at " << i;
    }
  }
  EXPECT_TRUE(is_valid_uuid(id));
}

TEST(TaskId, CarriesVersion7AndTheRfcVariant) {
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_task_id();
    EXPECT_EQ(id[14], '7') << id;
    EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
  }
}

TEST(TaskId, StartsWithTheCurrentUnixMilliseconds) {
  const std::uint64_t before = now_ms();
  const std::string id = new_task_id();
  const std::uint64_t after = now_ms();
  EXPECT_GE(unix_ms_of(id), before) << id;
  EXPECT_LE(unix_ms_of(id), after) << id;
}

TEST(TaskId, TenThousandIdsAreUnique) {
  std::unordered_set<std::string> ids;
  for (int i = 0; i < 10000; ++i) ids.insert(new_task_id());
  EXPECT_EQ(ids.size(), 10000u);
}

TEST(TaskId, IdsMadeOnFourThreadsAtOnceAreUnique) {
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& ids : made) {
    threads.emplace_back([&ids] {
      for (int i = 0; i < 5000; ++i) ids.push_back(new_task_id());
    });
  }
  for (auto& thread : threads) thread.join();
  std::unordered_set<std::string> all;
  for (const auto& ids : made) all.insert(ids.begin(), ids.end());
  EXPECT_EQ(all.size(), 20000u);
}

TEST(TaskId, IdsMadeInALaterMillisecondSortAfterEarlierOnes) {
  for (int round = 0; round < 20; ++round) {
    const std::string earlier = new_task_id();
    const std::uint64_t made_at = unix_ms_of(earlier);
    ASSERT_TRUE(testing::eventually([&] { return now_ms() > made_at; }, std::chrono::seconds(1)));
    const std::string later = new_task_id();
    EXPECT_LT(earlier, later) << "round " << round;
  }
}

TEST(IsValidUuid, AcceptsCanonicalUuidsOfAnyVersionAndCase) {
  EXPECT_TRUE(is_valid_uuid("01890a5d-ac96-774b-bcce-b302099a8057"));
  EXPECT_TRUE(is_valid_uuid("550e8400-e29b-41d4-a716-446655440000"));
  EXPECT_TRUE(is_valid_uuid("550E8400-E29B-41D4-A716-446655440000"));
  EXPECT_TRUE(is_valid_uuid("00000000-0000-0000-0000-000000000000"));
}

TEST(IsValidUuid, RejectsAnythingElse) {
  EXPECT_FALSE(is_valid_uuid(""));
  EXPECT_FALSE(is_valid_uuid("not-a-uuid"));
  EXPECT_FALSE(is_valid_uuid("550e8400e29b41d4a716446655440000"));       // no dashes
  EXPECT_FALSE(is_valid_uuid("550e8400-e29b-41d4-a716-44665544000"));    // one short
  EXPECT_FALSE(is_valid_uuid("550e8400-e29b-41d4-a716-4466554400000"));  // one long
  EXPECT_FALSE(is_valid_uuid("550e8400-e29b-41d4-a716-44665544000g"));   // not hex
  EXPECT_FALSE(is_valid_uuid("550e8400-e29b-41d4+a716-446655440000"));   // wrong separator
  EXPECT_FALSE(is_valid_uuid("550e840-0e29b-41d4-a716-446655440000"));   // dash misplaced
  EXPECT_FALSE(is_valid_uuid("{550e8400-e29b-41d4-a716-4466554400}"));
}

}  // namespace
}  // namespace switchyard::envelope
