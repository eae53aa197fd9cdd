// Roles' and permissions' SQL (common/storage/identity/roles_repository.hpp) on a
// migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <vector>

#include "storage/identity/roles_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::identity {
namespace {

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  return doc;
}

class RolesRepository : public testing::RolledBackTest {
 protected:
  std::int64_t add_role(const std::string& name) {
    return parse(create_role(tx(), name, "about " + name))["id"].GetInt64();
  }
  std::int64_t admin_user() {
    return tx().exec1("SELECT id FROM users WHERE username = 'admin'")[0].as<std::int64_t>();
  }
  std::vector<std::string> permission_names(std::int64_t role_id) {
    std::vector<std::string> names;
    const auto role = parse(find_role(tx(), role_id).value());
    for (const auto& p : role["permissions"].GetArray()) names.push_back(p["name"].GetString());
    return names;
  }
};

TEST_F(RolesRepository, ANewRoleHasNoPermissionsAndNoUsers) {
  const auto id = add_role("auditor");
  const auto role = parse(find_role(tx(), id).value());
  EXPECT_STREQ(role["name"].GetString(), "auditor");
  EXPECT_STREQ(role["description"].GetString(), "about auditor");
  EXPECT_EQ(role["permissions"].Size(), 0u);
  EXPECT_EQ(role["users_count"].GetInt(), 0);
  EXPECT_TRUE(role_exists(tx(), id));
  EXPECT_EQ(role_name(tx(), id), "auditor");
}

TEST_F(RolesRepository, AnUnknownRoleGivesNothing) {
  EXPECT_FALSE(find_role(tx(), 987654321).has_value());
  EXPECT_FALSE(role_exists(tx(), 987654321));
  EXPECT_FALSE(role_name(tx(), 987654321).has_value());
  EXPECT_FALSE(update_role(tx(), 987654321, "x", std::nullopt).has_value());
  EXPECT_FALSE(delete_role(tx(), 987654321));
}

TEST_F(RolesRepository, AnUpdateKeepsTheFieldsItLeavesOut) {
  const auto id = add_role("auditor");
  const auto renamed = parse(update_role(tx(), id, "reviewer", std::nullopt).value());
  EXPECT_STREQ(renamed["name"].GetString(), "reviewer");
  EXPECT_STREQ(renamed["description"].GetString(), "about auditor");
  const auto described = parse(update_role(tx(), id, std::nullopt, "new").value());
  EXPECT_STREQ(described["name"].GetString(), "reviewer");
  EXPECT_STREQ(described["description"].GetString(), "new");
}

TEST_F(RolesRepository, SettingPermissionsReplacesThemAll) {
  const auto id = add_role("auditor");
  EXPECT_TRUE(set_role_permissions(tx(), id, {"tasks:read", "users:read"}).empty());
  EXPECT_TRUE(set_role_permissions(tx(), id, {"roles:read"}).empty());
  EXPECT_EQ(permission_names(id), std::vector<std::string>{"roles:read"});
}

TEST_F(RolesRepository, AnUnknownPermissionChangesNothingAndIsNamed) {
  const auto id = add_role("auditor");
  set_role_permissions(tx(), id, {"tasks:read"});
  EXPECT_EQ(set_role_permissions(tx(), id, {"roles:read", "no:such", "users:read"}),
            std::vector<std::string>{"no:such"});
  EXPECT_EQ(permission_names(id), std::vector<std::string>{"tasks:read"});
}

TEST_F(RolesRepository, ACreatedPermissionIsNamedResourceColonAction) {
  const auto permission = parse(create_permission(tx(), "reports", "read", "Read reports"));
  EXPECT_STREQ(permission["name"].GetString(), "reports:read");
  EXPECT_STREQ(permission["resource"].GetString(), "reports");
  EXPECT_STREQ(permission["action"].GetString(), "read");
  const auto id = add_role("auditor");
  EXPECT_TRUE(set_role_permissions(tx(), id, {"reports:read"}).empty());
}

TEST_F(RolesRepository, AssigningARoleTwiceIsFineAndRemovingItTwiceIsNot) {
  const auto role = add_role("auditor");
  const auto user = admin_user();
  EXPECT_TRUE(assign_role(tx(), user, role));
  EXPECT_TRUE(assign_role(tx(), user, role));
  EXPECT_EQ(parse(find_role(tx(), role).value())["users_count"].GetInt(), 1);
  EXPECT_TRUE(remove_role(tx(), user, role));
  EXPECT_FALSE(remove_role(tx(), user, role));
  EXPECT_FALSE(assign_role(tx(), 987654321, role));
  EXPECT_FALSE(assign_role(tx(), user, 987654321));
}

TEST_F(RolesRepository, ListsPageByIdAndCountEveryRow) {
  const auto total = tx().exec1("SELECT count(*) FROM roles")[0].as<int>();
  const auto last = add_role("zz-last");
  const auto page = parse(list_roles(tx(), total, 10));
  EXPECT_EQ(page["total"].GetInt(), total + 1);
  EXPECT_FALSE(page["has_more"].GetBool());
  ASSERT_EQ(page["items"].Size(), 1u);
  EXPECT_EQ(page["items"][0]["id"].GetInt64(), last);
  EXPECT_TRUE(parse(list_permissions(tx(), 0, 1))["has_more"].GetBool());
}

TEST_F(RolesRepository, ADeletedRoleIsGone) {
  const auto id = add_role("auditor");
  EXPECT_TRUE(delete_role(tx(), id));
  EXPECT_FALSE(role_exists(tx(), id));
}

TEST_F(RolesRepository, ATakenRoleNameIsAUniqueViolation) {
  add_role("auditor");
  EXPECT_THROW(create_role(tx(), "auditor", ""), pqxx::unique_violation);
}

}  // namespace
}  // namespace switchyard::storage::identity
