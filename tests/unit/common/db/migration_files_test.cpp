// The migrations directory (read_migration_files, create_migration_file in
// common/db/migrator.hpp) and database URL rewriting (common/db/database_bootstrap.hpp),
// neither of which needs a server.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "db/database_bootstrap.hpp"
#include "db/migrator.hpp"
#include "security/key_digest.hpp"
#include "support/temp_dir.hpp"
#include "support/test_servers.hpp"

namespace switchyard::db {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

TEST(ReadMigrationFiles, OrdersFilesByVersion) {
  TempDir dir;
  dir.write("0010_add_index.sql", "CREATE INDEX i ON t (a);\n");
  dir.write("0002_add_column.sql", "ALTER TABLE t ADD b int;\n");
  dir.write("0001_create_table.sql", "CREATE TABLE t (a int);\n");
  const auto files = read_migration_files(dir.path());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].version, 1);
  EXPECT_EQ(files[0].name, "create_table");
  EXPECT_EQ(files[1].version, 2);
  EXPECT_EQ(files[1].name, "add_column");
  EXPECT_EQ(files[2].version, 10);
  EXPECT_EQ(files[2].name, "add_index");
  EXPECT_EQ(files[2].path, dir.path() / "0010_add_index.sql");
}

TEST(ReadMigrationFiles, ChecksumsTheFileBytes) {
  TempDir dir;
  dir.write("0001_create_table.sql", "CREATE TABLE t (a int);\n");
  const auto files = read_migration_files(dir.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].checksum, security::sha256_hex("CREATE TABLE t (a int);\n"));
}

TEST(ReadMigrationFiles, IgnoresFilesThatAreNotSql) {
  TempDir dir;
  dir.write("0001_create_table.sql", "SELECT 1;\n");
  dir.write("README.md", "notes\n");
  dir.write("0002_draft.sql.bak", "SELECT 2;\n");
  EXPECT_EQ(read_migration_files(dir.path()).size(), 1u);
}

TEST(ReadMigrationFiles, RefusesBadlyNamedFiles) {
  for (const char* bad : {"1_create.sql", "0001-create.sql", "0001_Create.sql", "create.sql",
                          "00001_create.sql", "0001_.sql", "0001_create table.sql"}) {
    TempDir dir;
    dir.write("0001_ok.sql", "SELECT 1;\n");
    dir.write(bad, "SELECT 1;\n");
    EXPECT_THROW(read_migration_files(dir.path()), MigrationError) << bad;
  }
}

TEST(ReadMigrationFiles, RefusesTwoFilesWithTheSameVersion) {
  TempDir dir;
  dir.write("0003_one.sql", "SELECT 1;\n");
  dir.write("0003_two.sql", "SELECT 2;\n");
  try {
    read_migration_files(dir.path());
    FAIL() << "duplicate versions were accepted";
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("0003_"), std::string::npos) << e.what();
  }
}

TEST(ReadMigrationFiles, RefusesAMissingDirectory) {
  EXPECT_THROW(read_migration_files("/nonexistent/switchyard/migrations"), MigrationError);
}

TEST(ReadMigrationFiles, ReadsTheRepositoryMigrations) {
  const auto files = read_migration_files(fs::path(testing::source_dir()) / "migrations");
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].version, 1);
  EXPECT_EQ(files[0].name, "create_tasks");
  for (std::size_t i = 1; i < files.size(); ++i) {
    EXPECT_GT(files[i].version, files[i - 1].version);
  }
}

TEST(CreateMigrationFile, StartsAtVersionOneInAnEmptyDirectory) {
  TempDir dir;
  const fs::path created = create_migration_file(dir.path() / "new", "create_users");
  EXPECT_EQ(created, dir.path() / "new" / "0001_create_users.sql");
  EXPECT_TRUE(fs::is_regular_file(created));
}

TEST(CreateMigrationFile, TakesTheNextVersionAfterTheHighest) {
  TempDir dir;
  dir.write("0001_a.sql", "SELECT 1;\n");
  dir.write("0007_b.sql", "SELECT 7;\n");
  const fs::path created = create_migration_file(dir.path(), "add_orders");
  EXPECT_EQ(created.filename(), "0008_add_orders.sql");
  const auto files = read_migration_files(dir.path());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files.back().version, 8);
  EXPECT_EQ(files.back().name, "add_orders");
}

TEST(CreateMigrationFile, RefusesANameThatWouldNotReadBack) {
  TempDir dir;
  EXPECT_THROW(create_migration_file(dir.path(), "Add Orders"), MigrationError);
  EXPECT_THROW(create_migration_file(dir.path(), ""), MigrationError);
  EXPECT_THROW(create_migration_file(dir.path(), "../escape"), MigrationError);
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(DatabaseUrl, NamesTheDatabaseOfAUrl) {
  EXPECT_EQ(database_name("postgresql://postgres:postgres@localhost:5432/tasks"), "tasks");
  EXPECT_EQ(database_name("postgres://u@h/ledger?sslmode=require"), "ledger");
  EXPECT_EQ(database_name("postgresql://u:p@h:5432/db?sslmode=disable&connect_timeout=3"), "db");
  EXPECT_EQ(database_name("postgresql://localhost:5432"), "");
  EXPECT_EQ(database_name("postgresql://localhost:5432/"), "");
  EXPECT_EQ(database_name("postgresql://localhost?sslmode=require"), "");
}

TEST(DatabaseUrl, SwapsTheDatabaseAndKeepsTheRest) {
  EXPECT_EQ(with_database("postgresql://postgres:postgres@localhost:5432/tasks", "postgres"),
            "postgresql://postgres:postgres@localhost:5432/postgres");
  EXPECT_EQ(with_database("postgres://u@h/ledger?sslmode=require", "other"),
            "postgres://u@h/other?sslmode=require");
  EXPECT_EQ(with_database("postgresql://u:p@h:5432/db?sslmode=disable&connect_timeout=3", "x"),
            "postgresql://u:p@h:5432/x?sslmode=disable&connect_timeout=3");
}

TEST(DatabaseUrl, AddsADatabaseToAUrlWithoutAPath) {
  EXPECT_EQ(with_database("postgresql://localhost:5432", "tasks"),
            "postgresql://localhost:5432/tasks");
  EXPECT_EQ(with_database("postgresql://localhost:5432/", "tasks"),
            "postgresql://localhost:5432/tasks");
}

TEST(DatabaseUrl, AddsADatabaseBeforeTheQueryOfAUrlWithoutAPath) {
  EXPECT_EQ(with_database("postgresql://localhost:5432?sslmode=require", "tasks"),
            "postgresql://localhost:5432/tasks?sslmode=require");
}

TEST(DatabaseUrl, FindsNoDatabaseInAUrlWhoseQueryHoldsAPath) {
  EXPECT_EQ(database_name("postgresql://db.example.com?sslrootcert=/etc/ssl/ca.pem"), "");
  EXPECT_EQ(database_name("postgresql://db.example.com/tasks?sslrootcert=/etc/ssl/ca.pem"),
            "tasks");
}

}  // namespace
}  // namespace switchyard::db
