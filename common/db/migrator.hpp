#pragma once
// Applies migrations/NNNN_name.sql in order, each in its own transaction, and
// records version, name, checksum and time in schema_migrations. A session-level
// advisory lock makes concurrent runs safe (the second waits, then finds nothing to
// do). An applied file whose checksum changed is refused: migrations are
// forward-only; write a new one instead.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace switchyard::db {

struct MigrationFile {
  int version = 0;
  std::string name;
  std::string checksum;  // SHA-256 hex of the file's bytes
  std::filesystem::path path;
};

struct AppliedMigration {
  int version = 0;
  std::string name;
  std::string checksum;
  std::string applied_at;
  int execution_ms = 0;
};

struct MigrationStatus {
  std::vector<MigrationFile> pending;
  std::vector<MigrationFile> edited;            // applied, but the file changed since
  std::vector<AppliedMigration> missing_files;  // applied, but no file any more
  bool up_to_date() const { return pending.empty() && edited.empty(); }
};

class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and orders the directory; throws MigrationError on a badly named file or a
// duplicate version.
std::vector<MigrationFile> read_migration_files(const std::filesystem::path& dir);

class Migrator {
 public:
  Migrator(std::string database_url, std::filesystem::path dir)
      : database_url_(std::move(database_url)), dir_(std::move(dir)) {}

  // Applies what is pending; returns what it applied. Throws MigrationError when an
  // applied migration was edited (nothing is applied then).
  std::vector<MigrationFile> migrate();
  MigrationStatus status();
  std::vector<AppliedMigration> history();

 private:
  std::string database_url_;
  std::filesystem::path dir_;
};

// Creates migrations/NNNN_<name>.sql with the next version; returns its path.
std::filesystem::path create_migration_file(const std::filesystem::path& dir,
                                            const std::string& name);

}  // namespace switchyard::db
