// switchyard: the administration CLI.
//   switchyard migrate           create the database if missing, apply pending migrations
//   switchyard migrate-check     exit 1 when migrations are pending or an applied one changed
//   switchyard migrate-history   list applied migrations
//   switchyard new-migration N   create migrations/NNNN_N.sql
//   switchyard check-config      load and validate services.yaml and clients.yaml
//   switchyard hash-key KEY      print the SHA-256 digest to store in clients.yaml
//   switchyard hash-password     read a password on stdin, print its Argon2id hash
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <pqxx/pqxx>
#include <string>

#include "config/clients_config.hpp"
#include "config/config_error.hpp"
#include "config/services_config.hpp"
#include "config/settings.hpp"
#include "db/database_bootstrap.hpp"
#include "db/migrator.hpp"
#include "security/key_digest.hpp"
#include "security/password_hash.hpp"

using namespace switchyard;

namespace {

constexpr const char* kUsage = R"(usage: switchyard <command>
  migrate            create the database if missing, then apply pending migrations
  migrate-check      exit 1 when a migration is pending or an applied one was edited
  migrate-history    list the applied migrations
  new-migration NAME create migrations/NNNN_NAME.sql with the next number
  check-config       validate SERVICES_CONFIG_FILE and CLIENTS_CONFIG_FILE
  hash-key KEY       print the SHA-256 digest of an API key for clients.yaml
  hash-password      read a password from stdin, print its Argon2id hash
Configuration comes from the environment (DATABASE_URL, MIGRATIONS_DIR, ...).
)";

int migrate(const config::Settings& settings) {
  if (db::ensure_database_exists(settings.database_url)) {
    fmt::print("created database {}\n", db::database_name(settings.database_url));
  }
  db::Migrator migrator(settings.database_url, settings.migrations_dir);
  const auto applied = migrator.migrate();
  for (const auto& m : applied) fmt::print("applied {:04}_{}\n", m.version, m.name);
  if (applied.empty()) fmt::print("database is up to date\n");
  return 0;
}

int migrate_check(const config::Settings& settings) {
  db::Migrator migrator(settings.database_url, settings.migrations_dir);
  const auto status = migrator.status();
  for (const auto& m : status.pending) fmt::print("pending  {:04}_{}\n", m.version, m.name);
  for (const auto& m : status.edited) {
    fmt::print("EDITED   {:04}_{} (applied, but the file changed since)\n", m.version, m.name);
  }
  for (const auto& m : status.missing_files) {
    fmt::print("missing  {:04}_{} (applied, but no file any more)\n", m.version, m.name);
  }
  if (status.up_to_date()) fmt::print("database is up to date\n");
  return status.up_to_date() ? 0 : 1;
}

int migrate_history(const config::Settings& settings) {
  db::Migrator migrator(settings.database_url, settings.migrations_dir);
  fmt::print("{:<8} {:<32} {:<21} {:>8}  {}\n", "version", "name", "applied at", "ms", "checksum");
  for (const auto& m : migrator.history()) {
    fmt::print("{:<8} {:<32} {:<21} {:>8}  {}\n", fmt::format("{:04}", m.version), m.name,
               m.applied_at, m.execution_ms, m.checksum.substr(0, 12));
  }
  return 0;
}

int check_config(const config::Settings& settings) {
  const auto services = config::ServicesConfig::load_file(settings.services_config_file);
  config::ClientsConfig::load_file(settings.clients_config_file, settings.production);
  for (const auto& [name, service] : services.services) {
    fmt::print("service {} ({} actions, queue {})\n", name, service.actions.size(),
               service.queue_name());
  }
  fmt::print("configuration is valid\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "hash-key" && argc == 3) {
      fmt::print("{}\n", security::sha256_hex(argv[2]));
      return 0;
    }
    if (command == "hash-password" && argc == 2) {
      // From stdin, not argv: command lines show in `ps` and shell history.
      std::string password;
      std::getline(std::cin, password);
      fmt::print("{}\n", security::hash_password(password));
      return 0;
    }
    const auto settings = config::Settings::from_environment();
    if (command == "migrate") return migrate(settings);
    if (command == "migrate-check") return migrate_check(settings);
    if (command == "migrate-history") return migrate_history(settings);
    if (command == "check-config") return check_config(settings);
    if (command == "new-migration" && argc == 3) {
      fmt::print("created {}\n",
                 db::create_migration_file(settings.migrations_dir, argv[2]).string());
      return 0;
    }
    std::cerr << kUsage;
    return 2;
  } catch (const config::ConfigError& e) {
    std::cerr << "configuration error: " << e.what() << "\n";
    return 2;
  } catch (const db::MigrationError& e) {
    std::cerr << "migration error: " << e.what() << "\n";
    return 1;
  } catch (const pqxx::broken_connection& e) {
    std::cerr << "cannot reach the database: " << e.what();
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
