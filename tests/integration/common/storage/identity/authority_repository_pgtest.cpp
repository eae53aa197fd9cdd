// Who holds what (common/storage/identity/authority_repository.hpp) on a fresh
// database migrated with the repository's migrations: a user's standing, the
// administrators left, and the lock that keeps two writes from both taking the
// last admin away.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>

#include "db/migrator.hpp"
#include "storage/identity/authority_repository.hpp"
#include "support/test_servers.hpp"

namespace switchyard::storage::identity {
namespace {

class AuthorityRepository : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(testing::fresh_database("authority_repository_pgtest"));
    db::Migrator(*url_, testing::source_dir() + "/migrations").migrate();
  }
  static void TearDownTestSuite() {
    delete url_;
    url_ = nullptr;
  }

  // A user with `roles`, active or not; returns its id.
  static std::int64_t add_user(pqxx::transaction_base& tx, const std::string& name,
                               std::initializer_list<const char*> roles, bool active = true) {
    const auto id = tx.exec_params1(
                          "INSERT INTO users (email, username, password_hash, is_active) "
                          "VALUES ($1 || '@example.com', $1, 'x', $2) RETURNING id",
                          name, active)[0]
                        .as<std::int64_t>();
    for (const char* role : roles) {
      tx.exec_params0(
          "INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = $2", id,
          std::string(role));
    }
    return id;
  }

  static std::string* url_;
};

std::string* AuthorityRepository::url_ = nullptr;

TEST_F(AuthorityRepository, ReadsAUsersStandingFromTheDatabase) {
  pqxx::connection db(*url_);
  pqxx::work tx(db);
  const auto writer = add_user(tx, "standing-writer", {"tracker_writer"});
  const auto standing = user_standing(tx, writer);
  ASSERT_TRUE(standing.has_value());
  EXPECT_TRUE(standing->active);
  EXPECT_FALSE(standing->admin);
  EXPECT_TRUE(standing->permissions.count("locks:write"));
  EXPECT_FALSE(standing->permissions.count("users:write"));
  EXPECT_TRUE(user_standing(tx, add_user(tx, "standing-admin", {"admin"}))->admin);
  EXPECT_FALSE(user_standing(tx, 987654321).has_value());
}

TEST_F(AuthorityRepository, CountsActiveAdminUsersAndLiveAdminKeys) {
  pqxx::connection db(*url_);
  pqxx::work tx(db);
  const std::int64_t before = count_admins(tx);  // the development admin
  add_user(tx, "count-admin", {"admin"});
  add_user(tx, "count-inactive-admin", {"admin"}, /*active=*/false);
  add_user(tx, "count-user", {"user"});
  EXPECT_EQ(count_admins(tx), before + 1);
  tx.exec0("INSERT INTO api_keys (name, digest, role) VALUES ('count-key', 'd1', 'admin')");
  tx.exec0(
      "INSERT INTO api_keys (name, digest, role, revoked_at) VALUES ('gone', 'd2', 'admin', "
      "now())");
  tx.exec0("INSERT INTO api_keys (name, digest, role, client) VALUES ('c', 'd3', 'client', 'a')");
  EXPECT_EQ(count_admins(tx), before + 2);
  const auto key = tx.exec1("SELECT id FROM api_keys WHERE name = 'gone'")[0].as<std::int64_t>();
  EXPECT_TRUE(api_key_role(tx, key)->revoked);
  EXPECT_EQ(api_key_role(tx, key)->role, "admin");
  EXPECT_FALSE(api_key_role(tx, 987654321).has_value());
}

// The second of two admin changes waits for the first to commit, then counts what
// it left: without the lock both would count two admins and both would go.
TEST_F(AuthorityRepository, LockAdminsMakesASecondChangeWaitForTheFirst) {
  pqxx::connection first_db(*url_);
  pqxx::connection second_db(*url_);
  pqxx::work first(first_db);
  lock_admins(first);

  pqxx::work second(second_db);
  second.exec0("SET LOCAL lock_timeout = '200ms'");
  EXPECT_THROW(lock_admins(second), pqxx::sql_error);
  second.abort();

  first.commit();
  pqxx::work third(second_db);
  third.exec0("SET LOCAL lock_timeout = '200ms'");
  EXPECT_NO_THROW(lock_admins(third));
}

TEST_F(AuthorityRepository, ListsARolesPermissions) {
  pqxx::connection db(*url_);
  pqxx::work tx(db);
  const auto user_role = tx.exec1("SELECT id FROM roles WHERE name = 'user'")[0].as<std::int64_t>();
  const auto names = role_permission_names(tx, user_role);
  EXPECT_TRUE(names.count("tasks:write"));
  EXPECT_TRUE(names.count("events:read"));
  EXPECT_FALSE(names.count("events:write"));  // migrations/0012
  EXPECT_TRUE(role_permission_names(tx, 987654321).empty());
}

}  // namespace
}  // namespace switchyard::storage::identity
