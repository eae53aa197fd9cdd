#include "support/rolled_back_test.hpp"

#include <cerrno>

#include "db/migrator.hpp"
#include "support/test_servers.hpp"

namespace switchyard::testing {

const std::string& migrated_database_url() {
  static const std::string url = [] {
    std::string database = fresh_database(program_invocation_short_name);
    db::Migrator(database, source_dir() + "/migrations").migrate();
    return database;
  }();
  return url;
}

}  // namespace switchyard::testing
