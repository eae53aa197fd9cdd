// Tracker locks' SQL (common/storage/tracker/locks_repository.hpp) on a migrated
// database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "storage/tracker/locks_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::tracker {
namespace {

class LocksRepository : public testing::RolledBackTest {};

std::string nth_id(int n) {
  char id[37];
  std::snprintf(id, sizeof id, "01900000-0000-7000-8000-%012d", n);
  return id;
}

Lock lock(int n, const std::string& service, const std::string& taken_by = "user:1") {
  Lock l;
  l.id = nth_id(n);
  l.service = service;
  l.who = "deployer";
  l.environment = "prod";
  l.resource = "db";
  l.event_id = "e1";
  l.taken_by = taken_by;
  return l;
}

TEST_F(LocksRepository, ATakenLockReadsBackAsWritten) {
  const TakeResult result = take_lock(tx(), lock(1, "billing"));
  EXPECT_TRUE(result.taken);
  const auto read = find_lock(tx(), nth_id(1));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->id, nth_id(1));
  EXPECT_EQ(read->service, "billing");
  EXPECT_EQ(read->who, "deployer");
  EXPECT_EQ(read->environment, "prod");
  EXPECT_EQ(read->resource, "db");
  EXPECT_EQ(read->event_id, "e1");
  EXPECT_EQ(read->taken_by, "user:1");
  EXPECT_EQ(read->created_at.size(), 24u);  // RFC 3339, UTC
  EXPECT_EQ(result.lock.created_at, read->created_at);
  EXPECT_EQ(result.lock.taken_by, "user:1");
}

TEST_F(LocksRepository, ASecondTakerOfAServiceIsToldWhoHoldsIt) {
  ASSERT_TRUE(take_lock(tx(), lock(1, "billing", "user:1")).taken);
  const TakeResult second = take_lock(tx(), lock(2, "billing", "user:2"));
  EXPECT_FALSE(second.taken);
  EXPECT_EQ(second.lock.id, nth_id(1));
  EXPECT_EQ(second.lock.taken_by, "user:1");
  EXPECT_FALSE(find_lock(tx(), nth_id(2)).has_value());
  EXPECT_TRUE(take_lock(tx(), lock(3, "search")).taken);  // other services are free
}

TEST_F(LocksRepository, ARedeliveredTakeFindsItsOwnLockAndCountsAsTaken) {
  ASSERT_TRUE(take_lock(tx(), lock(1, "billing")).taken);
  const TakeResult again = take_lock(tx(), lock(1, "billing"));
  EXPECT_TRUE(again.taken);
  EXPECT_EQ(again.lock.id, nth_id(1));
}

TEST_F(LocksRepository, TheHolderIsWhoTookTheLock) {
  take_lock(tx(), lock(1, "billing", "api-key:deployer"));
  EXPECT_EQ(lock_holder(tx(), nth_id(1)), "api-key:deployer");
  EXPECT_FALSE(lock_holder(tx(), nth_id(2)).has_value());
}

TEST_F(LocksRepository, AReleasedServiceCanBeTakenAgain) {
  take_lock(tx(), lock(1, "billing"));
  EXPECT_TRUE(release_lock(tx(), nth_id(1)));
  EXPECT_FALSE(release_lock(tx(), nth_id(1)));
  EXPECT_TRUE(take_lock(tx(), lock(2, "billing")).taken);
}

TEST_F(LocksRepository, ListsNewestFirstAndCountsEveryPage) {
  take_lock(tx(), lock(1, "a"));
  take_lock(tx(), lock(2, "b"));
  take_lock(tx(), lock(3, "c"));
  tx().exec0(
      "UPDATE tracker_locks SET created_at = created_at - interval '1 hour' WHERE service = 'c'");
  const LockPage page = list_locks(tx(), 2, 0);
  EXPECT_EQ(page.total, 3);
  std::vector<std::string> ids;
  for (const auto& l : page.locks) ids.push_back(l.id);
  EXPECT_EQ(ids, (std::vector<std::string>{nth_id(2), nth_id(1)}));
}

}  // namespace
}  // namespace switchyard::storage::tracker
