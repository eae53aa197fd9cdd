// The API's in-memory identity (common/storage/identity/identity_snapshot.hpp)
// loaded from a migrated database, each test in a transaction rolled back at its
// end.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "storage/identity/identity_snapshot.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::identity {
namespace {

class IdentitySnapshotTest : public testing::RolledBackTest {
 protected:
  std::int64_t add_user(const std::string& name) {
    return tx()
        .exec_params1(
            "INSERT INTO users (email, username, password_hash) VALUES ($1 || '@example.com', $1, "
            "'x') RETURNING id",
            name)[0]
        .as<std::int64_t>();
  }
};

TEST_F(IdentitySnapshotTest, AnyIdentityWriteMovesTheVersion) {
  const auto before = identity_version(tx());
  add_user("ann");
  EXPECT_GT(identity_version(tx()), before);
  const auto after_user = identity_version(tx());
  tx().exec0("INSERT INTO api_keys (name, digest, role) VALUES ('ops', 'd', 'admin')");
  EXPECT_GT(identity_version(tx()), after_user);
}

TEST_F(IdentitySnapshotTest, HoldsUsersWithTheirRolesAndPasswordChange) {
  const auto ann = add_user("ann");
  tx().exec_params0(
      "INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'admin'",
      ann);
  tx().exec_params0(
      "UPDATE users SET is_active = false, password_changed_at = to_timestamp(1700000000.9) "
      "WHERE id = $1",
      ann);
  const IdentitySnapshot snapshot = load_identity(tx());
  EXPECT_EQ(snapshot.version, identity_version(tx()));
  ASSERT_TRUE(snapshot.users.count(ann));
  const UserState& state = snapshot.users.at(ann);
  EXPECT_EQ(state.username, "ann");
  EXPECT_FALSE(state.is_active);
  EXPECT_EQ(state.roles, std::vector<std::string>{"admin"});
  EXPECT_EQ(state.tokens_valid_from, 1'700'000'000);  // whole seconds, rounded down
}

TEST_F(IdentitySnapshotTest, HoldsEachRolesPermissionsEvenWhenItHasNone) {
  tx().exec0("INSERT INTO roles (name, description) VALUES ('empty', '')");
  const IdentitySnapshot snapshot = load_identity(tx());
  ASSERT_TRUE(snapshot.role_permissions.count("empty"));
  EXPECT_TRUE(snapshot.role_permissions.at("empty").empty());
  EXPECT_TRUE(snapshot.role_permissions.at("user").count("tasks:read"));
  bool named = false;
  for (const auto& [id, name] : snapshot.role_names) named |= name == "empty";
  EXPECT_TRUE(named);
}

TEST_F(IdentitySnapshotTest, HoldsOnlyUnrevokedTokensAndKeys) {
  const auto ann = add_user("ann");
  tx().exec_params0("INSERT INTO auth_tokens (digest, user_id) VALUES ('live', $1)", ann);
  tx().exec_params0(
      "INSERT INTO auth_tokens (digest, user_id, revoked_at) VALUES ('dead', $1, now())", ann);
  tx().exec0(
      "INSERT INTO api_keys (name, digest, role, client) VALUES ('ci', 'key-live', 'client', "
      "'acme'), ('old', 'key-dead', 'admin', '')");
  tx().exec0("UPDATE api_keys SET revoked_at = now() WHERE name = 'old'");
  const IdentitySnapshot snapshot = load_identity(tx());
  EXPECT_EQ(snapshot.tokens.count("live"), 1u);
  EXPECT_EQ(snapshot.tokens.at("live"), ann);
  EXPECT_EQ(snapshot.tokens.count("dead"), 0u);
  ASSERT_EQ(snapshot.api_keys.count("key-live"), 1u);
  EXPECT_EQ(snapshot.api_keys.at("key-live").name, "ci");
  EXPECT_EQ(snapshot.api_keys.at("key-live").role, config::KeyRole::kClient);
  EXPECT_EQ(snapshot.api_keys.at("key-live").client, "acme");
  EXPECT_EQ(snapshot.api_keys.count("key-dead"), 0u);
}

}  // namespace
}  // namespace switchyard::storage::identity
