// ensure_database_exists (common/db/database_bootstrap.hpp) against the test
// PostgreSQL: processes starting together on a fresh server (several `migrate`
// Jobs or containers) all succeed, and exactly one of them creates the database.
#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "db/database_bootstrap.hpp"
#include "support/test_servers.hpp"

namespace switchyard::db {
namespace {

void drop_database(const std::string& url, const std::string& name) {
  pqxx::connection admin(with_database(url, "postgres"));
  pqxx::nontransaction tx(admin);
  tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name));
}

TEST(DatabaseBootstrap, ConcurrentStartsAllSucceedAndOneCreates) {
  const std::string base = testing::fresh_database("database_bootstrap_pgtest");
  const std::string name = "bootstrap_race_" + std::to_string(std::random_device{}());
  const std::string url = with_database(base, name);
  constexpr int kRounds = 10;
  constexpr int kStarts = 4;
  for (int round = 0; round < kRounds; ++round) {
    drop_database(base, name);
    std::atomic<int> ready{0};
    std::atomic<int> created{0};
    std::vector<std::exception_ptr> errors(kStarts);
    std::vector<std::thread> starts;
    starts.reserve(kStarts);
    for (int i = 0; i < kStarts; ++i) {
      starts.emplace_back([&, i] {
        try {
          ++ready;
          while (ready.load() < kStarts) std::this_thread::yield();  // start together
          if (ensure_database_exists(url)) ++created;
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    }
    for (auto& start : starts) start.join();
    for (const auto& error : errors) {
      if (!error) continue;
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "round " << round << ": " << e.what();
      }
    }
    EXPECT_EQ(created.load(), 1) << "round " << round;
    EXPECT_FALSE(ensure_database_exists(url));
  }
  drop_database(base, name);
}

}  // namespace
}  // namespace switchyard::db
