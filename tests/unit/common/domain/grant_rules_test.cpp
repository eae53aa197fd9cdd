// The escalation rules (common/domain/grant_rules.hpp) the API and the identity
// worker both apply: a caller hands out only what it holds, and admin rights are
// given and taken by admins only.
#include "domain/grant_rules.hpp"

#include <gtest/gtest.h>

namespace switchyard::domain {
namespace {

const Grantor kAdmin{true, {}};
const Grantor kUserAdmin{false, {"users:read", "users:write", "tasks:read", "tasks:write"}};

TEST(GrantRules, OnlyAdminsGrantTheRoleAdmin) {
  EXPECT_TRUE(refuse_role_grant(kUserAdmin, "admin", {}));
  EXPECT_NE(refuse_role_grant(kUserAdmin, "admin", {})->find("admin"), std::string::npos);
  EXPECT_FALSE(refuse_role_grant(kAdmin, "admin", {}));
}

TEST(GrantRules, ARoleIsGrantedOnlyByHoldersOfAllItsPermissions) {
  EXPECT_FALSE(refuse_role_grant(kUserAdmin, "reader", {"tasks:read"}));
  const auto refused = refuse_role_grant(kUserAdmin, "ops", {"tasks:read", "workers:read"});
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("workers:read"), std::string::npos) << *refused;
  EXPECT_EQ(refused->find("tasks:read"), std::string::npos) << *refused;
  EXPECT_FALSE(refuse_role_grant(kAdmin, "ops", {"tasks:read", "workers:read"}));
  EXPECT_FALSE(refuse_role_grant(kUserAdmin, "empty", {}));
}

TEST(GrantRules, PermissionsAreAddedToRolesOnlyByTheirHolders) {
  EXPECT_FALSE(refuse_permission_grant(kUserAdmin, {"users:read"}));
  EXPECT_FALSE(refuse_permission_grant(kUserAdmin, {}));
  const auto refused = refuse_permission_grant(kUserAdmin, {"roles:write", "api_keys:write"});
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("api_keys:write, roles:write"), std::string::npos) << *refused;
  EXPECT_FALSE(refuse_permission_grant(kAdmin, {"roles:write", "anything:new"}));
}

TEST(GrantRules, AKeyHoldsNoMoreThanItsMaker) {
  EXPECT_TRUE(refuse_key_grant(kUserAdmin, config::KeyRole::kAdmin));
  EXPECT_FALSE(refuse_key_grant(kAdmin, config::KeyRole::kAdmin));
  // A client key submits tasks and reports releases: the maker must too.
  EXPECT_TRUE(refuse_key_grant(kUserAdmin, config::KeyRole::kClient));
  const Grantor release_manager{false,
                                {"tasks:read", "tasks:write", "tasks:cancel", "services:read",
                                 "releases:read", "releases:write", "api_keys:write"}};
  EXPECT_FALSE(refuse_key_grant(release_manager, config::KeyRole::kClient));
  EXPECT_FALSE(refuse_key_grant(release_manager, config::KeyRole::kReader));
  EXPECT_TRUE(refuse_key_grant(kUserAdmin, config::KeyRole::kReader));
}

TEST(GrantRules, OnlyAdminsTakeAdminRightsAway) {
  const auto refused = refuse_admin_change(kUserAdmin, "deactivate an admin");
  ASSERT_TRUE(refused);
  EXPECT_EQ(*refused, "Only an admin may deactivate an admin");
  EXPECT_FALSE(refuse_admin_change(kAdmin, "deactivate an admin"));
}

TEST(GrantRules, KeyRolesHoldTheDocumentedPermissions) {
  EXPECT_EQ(key_role_permissions(config::KeyRole::kReader), std::set<std::string>{"releases:read"});
  EXPECT_EQ(key_role_permissions(config::KeyRole::kClient).size(), 6u);
  EXPECT_TRUE(key_role_permissions(config::KeyRole::kAdmin).empty());
}

}  // namespace
}  // namespace switchyard::domain
