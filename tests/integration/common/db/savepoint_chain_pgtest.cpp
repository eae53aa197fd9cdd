// SavepointChain (common/db/savepoint_chain.hpp) on the test PostgreSQL: each unit
// keeps or undoes its own writes, a failed statement is undone with its unit, the
// statements sent with begin() and finish() take effect, and what was kept
// commits with the transaction.
#include <gtest/gtest.h>

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "db/savepoint_chain.hpp"
#include "support/test_servers.hpp"

namespace switchyard::db {
namespace {

class SavepointChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(testing::fresh_database("savepoint_chain_pgtest"));
    pqxx::work tx(*db_);
    tx.exec0("CREATE TABLE units (name text PRIMARY KEY)");
    tx.commit();
  }

  std::vector<std::string> committed() {
    pqxx::read_transaction tx(*db_);
    std::vector<std::string> names;
    for (const auto& row : tx.exec("SELECT name FROM units ORDER BY name")) {
      names.push_back(row[0].as<std::string>());
    }
    return names;
  }

  std::optional<pqxx::connection> db_;
};

TEST_F(SavepointChainTest, KeepsTheKeptUnitsAndUndoesTheOthers) {
  pqxx::work tx(*db_);
  SavepointChain units(tx);
  const std::vector<std::pair<std::string, bool>> plan = {
      {"a", true}, {"b", false}, {"c", true}, {"d", true}, {"e", false}};
  for (const auto& [name, kept] : plan) {
    units.begin("");
    tx.exec0("INSERT INTO units VALUES ('" + name + "')");
    if (kept) {
      units.keep();
    } else {
      units.undo();
    }
  }
  units.finish("");
  tx.commit();
  EXPECT_EQ(committed(), (std::vector<std::string>{"a", "c", "d"}));
}

TEST_F(SavepointChainTest, UndoesAUnitWhoseStatementFailedAndGoesOn) {
  pqxx::work tx(*db_);
  SavepointChain units(tx);
  units.begin("");
  tx.exec0("INSERT INTO units VALUES ('a')");
  units.keep();
  units.begin("");
  // exec_params, as handlers write: pqxx 6.4's plain exec() aborts the whole
  // transaction when its statement fails, past any savepoint.
  EXPECT_THROW(tx.exec_params0("INSERT INTO units VALUES ($1)", "a"), pqxx::unique_violation);
  units.undo();
  units.begin("");
  tx.exec0("INSERT INTO units VALUES ('b')");
  units.keep();
  units.finish("");
  tx.commit();
  EXPECT_EQ(committed(), (std::vector<std::string>{"a", "b"}));
}

TEST_F(SavepointChainTest, RunsWhatTravelsWithBeginAndFinishAndUndoesItWithItsUnit) {
  pqxx::work tx(*db_);
  SavepointChain units(tx);
  const auto timeout = [&] { return tx.exec1("SHOW statement_timeout")[0].as<std::string>(); };
  const std::string before = timeout();
  units.begin("SET LOCAL statement_timeout = 1234");
  EXPECT_EQ(timeout(), "1234ms");
  units.undo();
  EXPECT_EQ(timeout(), before);
  units.begin("SET LOCAL statement_timeout = 4321");
  units.keep();
  EXPECT_EQ(timeout(), "4321ms");
  units.finish("SET LOCAL statement_timeout = DEFAULT");
  EXPECT_EQ(timeout(), before);
  tx.commit();
}

}  // namespace
}  // namespace switchyard::db
