// ConnectionPool (common/db/connection_pool.hpp) on the test PostgreSQL: read()
// runs its function in a read-only transaction, returns its result and gives the
// connection back to the pool whether the function returns or throws.
#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>

#include "db/connection_pool.hpp"
#include "support/test_servers.hpp"

namespace switchyard::db {
namespace {

using namespace std::chrono_literals;

PoolOptions one_connection() {
  PoolOptions options;
  options.url = testing::fresh_database("connection_pool_pgtest");
  options.size = 1;
  options.acquire_timeout = 500ms;
  return options;
}

TEST(ConnectionPoolRead, ReturnsWhatTheFunctionReadsInAReadOnlyTransaction) {
  ConnectionPool pool(one_connection());
  const int answer =
      pool.read([](pqxx::read_transaction& tx) { return tx.exec1("SELECT 41 + 1")[0].as<int>(); });
  EXPECT_EQ(answer, 42);
  const std::string read_only = pool.read([](pqxx::read_transaction& tx) {
    return tx.exec1("SHOW transaction_read_only")[0].as<std::string>();
  });
  EXPECT_EQ(read_only, "on");
}

TEST(ConnectionPoolRead, GivesTheConnectionBackAfterEachRead) {
  ConnectionPool pool(one_connection());
  for (int i = 0; i < 3; ++i) {
    EXPECT_NO_THROW(pool.read([](pqxx::read_transaction& tx) { tx.exec1("SELECT 1"); }));
  }
  EXPECT_THROW(pool.read([](pqxx::read_transaction&) { throw std::runtime_error("no row"); }),
               std::runtime_error);
  // The pool's only connection is free again: this would wait and throw PoolExhausted.
  EXPECT_NO_THROW(pool.read([](pqxx::read_transaction& tx) { tx.exec1("SELECT 1"); }));
}

}  // namespace
}  // namespace switchyard::db
