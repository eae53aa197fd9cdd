// Migrator (common/db/migrator.hpp) against the test PostgreSQL: each test starts
// from a fresh database and its own migrations directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "db/migrator.hpp"
#include "support/temp_dir.hpp"
#include "support/test_servers.hpp"

namespace switchyard::db {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

fs::path repo_migrations() { return fs::path(testing::source_dir()) / "migrations"; }

class MigratorTest : public ::testing::Test {
 protected:
  void SetUp() override { url_ = testing::fresh_database("migrator_pgtest"); }

  bool table_exists(const std::string& name) {
    pqxx::connection connection(url_);
    pqxx::nontransaction tx(connection);
    return tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", name)[0].as<bool>();
  }

  int count_rows(const std::string& table) {
    pqxx::connection connection(url_);
    pqxx::nontransaction tx(connection);
    return tx.exec1("SELECT count(*) FROM " + tx.quote_name(table))[0].as<int>();
  }

  std::string url_;
  TempDir dir_;
};

TEST_F(MigratorTest, AppliesEveryMigrationThenFindsNothingToDo) {
  dir_.write("0001_create_a.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
  dir_.write("0002_create_b.sql", "CREATE TABLE b (id int PRIMARY KEY);\n");
  dir_.write("0003_fill_a.sql", "INSERT INTO a VALUES (1), (2);\n");
  Migrator migrator(url_, dir_.path());

  const auto applied = migrator.migrate();
  ASSERT_EQ(applied.size(), 3u);
  EXPECT_EQ(applied[0].version, 1);
  EXPECT_EQ(applied[2].version, 3);
  EXPECT_TRUE(table_exists("a"));
  EXPECT_TRUE(table_exists("b"));

  EXPECT_TRUE(migrator.migrate().empty());
  EXPECT_EQ(count_rows("a"), 2);  // 0003 did not run twice
  EXPECT_TRUE(migrator.status().up_to_date());
}

TEST_F(MigratorTest, ListsPendingMigrationsInStatus) {
  dir_.write("0001_create_a.sql", "CREATE TABLE a (id int);\n");
  Migrator migrator(url_, dir_.path());
  const MigrationStatus before = migrator.status();
  ASSERT_EQ(before.pending.size(), 1u);
  EXPECT_FALSE(before.up_to_date());

  migrator.migrate();
  dir_.write("0002_create_b.sql", "CREATE TABLE b (id int);\n");
  dir_.write("0003_create_c.sql", "CREATE TABLE c (id int);\n");
  const MigrationStatus after = migrator.status();
  ASSERT_EQ(after.pending.size(), 2u);
  EXPECT_EQ(after.pending[0].version, 2);
  EXPECT_EQ(after.pending[1].version, 3);
  EXPECT_TRUE(after.edited.empty());
  EXPECT_FALSE(table_exists("b"));  // status() applies nothing
}

TEST_F(MigratorTest, RecordsVersionNameAndChecksumInHistory) {
  dir_.write("0001_create_a.sql", "CREATE TABLE a (id int);\n");
  dir_.write("0002_create_b.sql", "CREATE TABLE b (id int);\n");
  Migrator migrator(url_, dir_.path());
  EXPECT_TRUE(migrator.history().empty());
  migrator.migrate();

  const auto files = read_migration_files(dir_.path());
  const auto history = migrator.history();
  ASSERT_EQ(history.size(), 2u);
  for (std::size_t i = 0; i < history.size(); ++i) {
    EXPECT_EQ(history[i].version, files[i].version);
    EXPECT_EQ(history[i].name, files[i].name);
    EXPECT_EQ(history[i].checksum, files[i].checksum);
    EXPECT_FALSE(history[i].applied_at.empty());
    EXPECT_GE(history[i].execution_ms, 0);
  }
  EXPECT_EQ(history[1].name, "create_b");
}

TEST_F(MigratorTest, RefusesAnEditedAppliedMigrationAndAppliesNothingElse) {
  dir_.write("0001_create_a.sql", "CREATE TABLE a (id int);\n");
  Migrator migrator(url_, dir_.path());
  migrator.migrate();

  dir_.write("0001_create_a.sql", "CREATE TABLE a (id bigint);\n");
  dir_.write("0002_create_b.sql", "CREATE TABLE b (id int);\n");
  EXPECT_THROW(migrator.migrate(), MigrationError);
  EXPECT_FALSE(table_exists("b"));
  EXPECT_EQ(migrator.history().size(), 1u);

  const MigrationStatus status = migrator.status();
  ASSERT_EQ(status.edited.size(), 1u);
  EXPECT_EQ(status.edited[0].version, 1);
  EXPECT_FALSE(status.up_to_date());
}

TEST_F(MigratorTest, ReportsAppliedMigrationsWhoseFileIsGone) {
  dir_.write("0001_create_a.sql", "CREATE TABLE a (id int);\n");
  Migrator migrator(url_, dir_.path());
  migrator.migrate();
  fs::remove(dir_.path() / "0001_create_a.sql");
  const MigrationStatus status = migrator.status();
  ASSERT_EQ(status.missing_files.size(), 1u);
  EXPECT_EQ(status.missing_files[0].version, 1);
}

TEST_F(MigratorTest, LeavesAFailingMigrationUnrecordedAndRolledBack) {
  dir_.write("0001_create_a.sql", "CREATE TABLE a (id int);\n");
  dir_.write("0002_broken.sql", "CREATE TABLE partial (id int);\nSELECT * FROM no_such_table;\n");
  dir_.write("0003_create_c.sql", "CREATE TABLE c (id int);\n");
  Migrator migrator(url_, dir_.path());

  try {
    migrator.migrate();
    FAIL() << "a failing migration was not reported";
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("0002_broken.sql"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(table_exists("a"));
  EXPECT_FALSE(table_exists("partial"));
  EXPECT_FALSE(table_exists("c"));
  const auto history = migrator.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].version, 1);
  const MigrationStatus status = migrator.status();
  ASSERT_EQ(status.pending.size(), 2u);
  EXPECT_EQ(status.pending[0].version, 2);

  dir_.write("0002_broken.sql", "CREATE TABLE partial (id int);\n");
  EXPECT_EQ(migrator.migrate().size(), 2u);
  EXPECT_TRUE(table_exists("partial"));
  EXPECT_TRUE(table_exists("c"));
}

TEST_F(MigratorTest, AppliesTheRepositoryMigrations) {
  Migrator migrator(url_, repo_migrations());
  const auto files = read_migration_files(repo_migrations());
  EXPECT_EQ(migrator.migrate().size(), files.size());
  EXPECT_TRUE(table_exists("tasks"));
  EXPECT_TRUE(table_exists("task_counts"));
  EXPECT_TRUE(migrator.migrate().empty());
  EXPECT_EQ(migrator.history().size(), files.size());
}

// Both migrators are held back at the same time (one on a table lock the test
// holds, the other on the migrators' advisory lock), then let go together: without
// the advisory lock both would apply everything and the second would fail.
TEST_F(MigratorTest, AppliesEachMigrationOnceWhenTwoRunConcurrently) {
  Migrator(url_, dir_.path()).migrate();  // creates schema_migrations only
  const auto files = read_migration_files(repo_migrations());

  pqxx::connection blocker(url_);
  pqxx::work hold(blocker);
  hold.exec0("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE");

  std::vector<std::size_t> applied(2, 0);
  std::vector<std::exception_ptr> errors(2);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      try {
        applied[i] = Migrator(url_, repo_migrations()).migrate().size();
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  pqxx::connection observer(url_);
  const bool both_waiting = testing::eventually([&] {
    pqxx::nontransaction tx(observer);
    return tx.exec1(
                 "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND database = "
                 "(SELECT oid FROM pg_database WHERE datname = current_database())")[0]
               .as<int>() == 2;
  });
  hold.commit();
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(both_waiting) << "the two migrators never waited at the same time";

  for (std::size_t i = 0; i < 2; ++i) {
    if (errors[i]) {
      try {
        std::rethrow_exception(errors[i]);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "migrator " << i << " failed: " << e.what();
      }
    }
  }
  EXPECT_EQ(applied[0] + applied[1], files.size());
  EXPECT_TRUE(applied[0] == 0 || applied[1] == 0);
  EXPECT_EQ(Migrator(url_, repo_migrations()).history().size(), files.size());
  EXPECT_EQ(count_rows("schema_migrations"), static_cast<int>(files.size()));
}

}  // namespace
}  // namespace switchyard::db
