// LeaderLease (listener/leader_lease.hpp) against the test PostgreSQL: of two
// leases on one key only one holds, and releasing it, dropping it or losing its
// session hands it to the other. The handover is not instant (PostgreSQL frees
// the lock when the old session's backend has ended), so the other polls, as the
// Scheduler's next turns do.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "leader_lease.hpp"
#include "support/test_servers.hpp"

namespace switchyard::listener {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kKey = 0x5445'5354'4c45'4153;  // "TESTLEAS"

class LeaderLeaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { url_ = new std::string(testing::fresh_database("leader_lease")); }
  static void TearDownTestSuite() { delete url_; }
  static const std::string& url() { return *url_; }

 private:
  static std::string* url_;
};

std::string* LeaderLeaseTest::url_ = nullptr;

TEST_F(LeaderLeaseTest, OnlyOneOfTwoLeasesOnTheSameKeyHolds) {
  LeaderLease first(url(), kKey);
  LeaderLease second(url(), kKey);
  EXPECT_TRUE(first.hold());
  EXPECT_FALSE(second.hold());
  EXPECT_TRUE(first.hold()) << "a held lease stays held";
  EXPECT_FALSE(second.hold());
}

TEST_F(LeaderLeaseTest, LeasesOnOtherKeysDoNotExcludeEachOther) {
  LeaderLease first(url(), kKey);
  LeaderLease other(url(), kKey + 1);
  EXPECT_TRUE(first.hold());
  EXPECT_TRUE(other.hold());
}

TEST_F(LeaderLeaseTest, ReleasingHandsTheLeaseOver) {
  LeaderLease first(url(), kKey);
  LeaderLease second(url(), kKey);
  ASSERT_TRUE(first.hold());
  ASSERT_FALSE(second.hold());
  first.release();
  EXPECT_TRUE(testing::eventually([&] { return second.hold(); }, 5s));
  EXPECT_FALSE(first.hold()) << "the released lease now belongs to the other";
}

TEST_F(LeaderLeaseTest, DestroyingTheHolderHandsTheLeaseOver) {
  auto first = std::make_unique<LeaderLease>(url(), kKey);
  LeaderLease second(url(), kKey);
  ASSERT_TRUE(first->hold());
  ASSERT_FALSE(second.hold());
  first.reset();  // its session closes, as when the process dies
  EXPECT_TRUE(testing::eventually([&] { return second.hold(); }, 5s));
}

TEST_F(LeaderLeaseTest, LosingItsSessionEndsTheLeaseAndHandsItOver) {
  LeaderLease first(url(), kKey);
  LeaderLease second(url(), kKey);
  ASSERT_TRUE(first.hold());
  {
    pqxx::connection admin(url());
    pqxx::nontransaction tx(admin);
    tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
  EXPECT_TRUE(testing::eventually([&] { return !first.hold(); }, 5s))
      << "a lease whose session is gone is not held";
  EXPECT_TRUE(testing::eventually([&] { return second.hold(); }, 5s));
}

TEST_F(LeaderLeaseTest, AnUnreachableDatabaseMeansNotNowWithoutThrowing) {
  const std::string nowhere =
      "postgresql://postgres:postgres@127.0.0.1:" + std::to_string(testing::free_port()) +
      "/switchyard_test";
  LeaderLease lease(nowhere, kKey);
  EXPECT_FALSE(lease.hold());
  EXPECT_FALSE(lease.hold());
}

}  // namespace
}  // namespace switchyard::listener
