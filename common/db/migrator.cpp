#include "db/migrator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <pqxx/pqxx>
#include <regex>
#include <sstream>

#include "security/key_digest.hpp"

namespace switchyard::db {
namespace {

// Any fixed 64-bit number shared by every migrator; "sy-migr" in ASCII.
constexpr long long kAdvisoryLockKey = 0x73792d6d696772;

const char* const kCreateTable = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version      integer PRIMARY KEY,
    name         text        NOT NULL,
    checksum     text        NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now(),
    execution_ms integer     NOT NULL DEFAULT 0
))";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationError(fmt::format("cannot read {}", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<AppliedMigration> read_applied(pqxx::connection& connection) {
  pqxx::nontransaction tx(connection);
  std::vector<AppliedMigration> applied;
  for (const auto& row :
       tx.exec("SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', "
               "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), execution_ms FROM schema_migrations ORDER BY "
               "version")) {
    applied.push_back({row[0].as<int>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<int>()});
  }
  return applied;
}

MigrationStatus compare(const std::vector<MigrationFile>& files,
                        const std::vector<AppliedMigration>& applied) {
  MigrationStatus status;
  for (const auto& file : files) {
    auto it = std::find_if(applied.begin(), applied.end(),
                           [&](const AppliedMigration& a) { return a.version == file.version; });
    if (it == applied.end()) {
      status.pending.push_back(file);
    } else if (it->checksum != file.checksum) {
      status.edited.push_back(file);
    }
  }
  for (const auto& a : applied) {
    if (std::none_of(files.begin(), files.end(),
                     [&](const MigrationFile& f) { return f.version == a.version; })) {
      status.missing_files.push_back(a);
    }
  }
  return status;
}

// Holds the advisory lock for the life of the object (session-level).
class MigrationLock {
 public:
  explicit MigrationLock(pqxx::connection& connection) : connection_(connection) {
    pqxx::nontransaction tx(connection_);
    tx.exec(fmt::format("SELECT pg_advisory_lock({})", kAdvisoryLockKey));
    tx.exec0(kCreateTable);
  }
  ~MigrationLock() {
    try {
      pqxx::nontransaction tx(connection_);
      tx.exec(fmt::format("SELECT pg_advisory_unlock({})", kAdvisoryLockKey));
    } catch (const std::exception&) {
      // The session ends right after; PostgreSQL releases the lock with it.
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  pqxx::connection& connection_;
};

}  // namespace

std::vector<MigrationFile> read_migration_files(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    throw MigrationError(fmt::format("migrations directory {} does not exist", dir.string()));
  }
  static const std::regex kName(R"(^(\d{4})_([a-z0-9_]+)\.sql$)");
  std::vector<MigrationFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string filename = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    std::smatch m;
    if (!std::regex_match(filename, m, kName)) {
      throw MigrationError(fmt::format("{}: a migration file is named NNNN_lowercase_name.sql",
                                       entry.path().string()));
    }
    MigrationFile file;
    file.version = std::stoi(m[1].str());
    file.name = m[2].str();
    file.path = entry.path();
    file.checksum = security::sha256_hex(read_file(entry.path()));
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version == files[i - 1].version) {
      throw MigrationError(fmt::format("{} and {} have the same version",
                                       files[i - 1].path.string(), files[i].path.string()));
    }
  }
  return files;
}

std::vector<MigrationFile> Migrator::migrate() {
  const auto files = read_migration_files(dir_);
  pqxx::connection connection(database_url_);
  MigrationLock lock(connection);
  const MigrationStatus status = compare(files, read_applied(connection));
  if (!status.edited.empty()) {
    throw MigrationError(fmt::format(
        "{} was changed after it was applied (checksum differs); migrations are forward-only: "
        "restore the file and add a new migration instead",
        status.edited.front().path.string()));
  }
  for (const auto& file : status.pending) {
    const auto started = std::chrono::steady_clock::now();
    pqxx::work tx(connection);
    try {
      tx.exec(read_file(file.path));
    } catch (const pqxx::sql_error& e) {
      throw MigrationError(fmt::format("{} failed: {}", file.path.string(), e.what()));
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    tx.exec_params0(
        "INSERT INTO schema_migrations (version, name, checksum, execution_ms) "
        "VALUES ($1, $2, $3, $4)",
        file.version, file.name, file.checksum, static_cast<int>(elapsed.count()));
    tx.commit();
  }
  return status.pending;
}

MigrationStatus Migrator::status() {
  const auto files = read_migration_files(dir_);
  pqxx::connection connection(database_url_);
  MigrationLock lock(connection);
  return compare(files, read_applied(connection));
}

std::vector<AppliedMigration> Migrator::history() {
  pqxx::connection connection(database_url_);
  MigrationLock lock(connection);
  return read_applied(connection);
}

std::filesystem::path create_migration_file(const std::filesystem::path& dir,
                                            const std::string& name) {
  static const std::regex kValid(R"(^[a-z0-9_]+$)");
  if (!std::regex_match(name, kValid)) {
    throw MigrationError("a migration name uses lowercase letters, digits and '_' only");
  }
  std::filesystem::create_directories(dir);
  const auto files = read_migration_files(dir);
  const int version = files.empty() ? 1 : files.back().version + 1;
  auto path = dir / fmt::format("{:04}_{}.sql", version, name);
  std::ofstream out(path);
  out << fmt::format("-- {}: describe what this migration changes and why.\n", name);
  if (!out) throw MigrationError(fmt::format("cannot write {}", path.string()));
  return path;
}

}  // namespace switchyard::db
