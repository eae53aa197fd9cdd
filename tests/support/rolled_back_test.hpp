#pragma once
// The base of repository tests (*_pgtest): a database of their own, migrated with
// the repository's migrations, and one transaction per test that is rolled back
// when the test ends, so no test sees another's rows and their order is free.
// Needs the test PostgreSQL (the ctest fixture test_servers).
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>

namespace switchyard::testing {

// A database named after the test binary, dropped and migrated on first use in
// the process; its URL.
const std::string& migrated_database_url();

class RolledBackTest : public ::testing::Test {
 protected:
  RolledBackTest() : connection_(migrated_database_url()), tx_(connection_) {}

  // Never committed: its destructor rolls it back.
  pqxx::work& tx() { return tx_; }

 private:
  pqxx::connection connection_;
  pqxx::work tx_;
};

}  // namespace switchyard::testing
