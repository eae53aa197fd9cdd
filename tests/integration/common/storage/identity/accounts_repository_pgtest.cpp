// User accounts' SQL (common/storage/identity/accounts_repository.hpp) on a
// migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <vector>

#include "storage/identity/accounts_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::identity {
namespace {

class AccountsRepository : public testing::RolledBackTest {
 protected:
  // A new user named `name` (email name@example.com); its id.
  std::int64_t add(const std::string& name) {
    rapidjson::Document user;
    user.Parse(
        create_user(tx(), name + "@example.com", name, "Full " + name, "hash-" + name).c_str());
    return user["id"].GetInt64();
  }
};

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  return doc;
}

TEST_F(AccountsRepository, ANewUserIsActiveAndHasTheUserRole) {
  const auto user = parse(create_user(tx(), "ann@example.com", "ann", "Ann A", "h"));
  EXPECT_STREQ(user["email"].GetString(), "ann@example.com");
  EXPECT_STREQ(user["username"].GetString(), "ann");
  EXPECT_STREQ(user["full_name"].GetString(), "Ann A");
  EXPECT_TRUE(user["is_active"].GetBool());
  const auto me = parse(find_me(tx(), user["id"].GetInt64()).value());
  ASSERT_EQ(me["roles"].Size(), 1u);
  EXPECT_STREQ(me["roles"][0].GetString(), "user");
  EXPECT_TRUE(me["permissions"].IsArray());
}

TEST_F(AccountsRepository, ALoginWithAnAtSignMatchesEmailsOnlyAndIgnoresCase) {
  const auto ann = add("ann");
  // A username that looks like ann's email does not answer her sign-ins.
  tx().exec0("UPDATE users SET username = 'ann@example.com' WHERE username = 'admin'");
  const auto by_email = find_credentials(tx(), "ANN@Example.com");
  ASSERT_TRUE(by_email.has_value());
  EXPECT_EQ(by_email->user_id, ann);
  EXPECT_EQ(by_email->username, "ann");
  EXPECT_EQ(by_email->password_hash, "hash-ann");
  EXPECT_TRUE(by_email->is_active);
  EXPECT_EQ(find_credentials(tx(), "ANN")->user_id, ann);
  EXPECT_FALSE(find_credentials(tx(), "nobody").has_value());
  EXPECT_EQ(find_credentials(tx(), ann)->username, "ann");
  EXPECT_FALSE(find_credentials(tx(), std::int64_t{987654321}).has_value());
}

TEST_F(AccountsRepository, SettingAPasswordReplacesTheHashAndStampsTheChange) {
  const auto ann = add("ann");
  EXPECT_TRUE(set_password(tx(), ann, "new-hash", 1'700'000'000));
  EXPECT_EQ(find_credentials(tx(), ann)->password_hash, "new-hash");
  EXPECT_EQ(tx().exec_params1("SELECT extract(epoch FROM password_changed_at)::bigint FROM users "
                              "WHERE id = $1",
                              ann)[0]
                .as<std::int64_t>(),
            1'700'000'000);
  EXPECT_FALSE(set_password(tx(), 987654321, "x", 1));
}

TEST_F(AccountsRepository, ADeactivatedUserCannotBeFoundActive) {
  const auto ann = add("ann");
  const auto changed = parse(set_active(tx(), ann, false).value());
  EXPECT_FALSE(changed["is_active"].GetBool());
  EXPECT_FALSE(find_credentials(tx(), ann)->is_active);
  EXPECT_FALSE(set_active(tx(), 987654321, true).has_value());
}

TEST_F(AccountsRepository, ALoginIsRecordedAsTheLastOne) {
  const auto ann = add("ann");
  EXPECT_TRUE(parse(find_me(tx(), ann).value())["last_login"].IsNull());
  record_login(tx(), ann);
  EXPECT_TRUE(parse(find_me(tx(), ann).value())["last_login"].IsString());
  EXPECT_FALSE(find_me(tx(), 987654321).has_value());
}

TEST_F(AccountsRepository, TheUserListSearchesSortsAndPages) {
  for (const char* name : {"zed-search", "amy-search", "kim-search", "other"}) add(name);
  UserQuery query;
  query.search = "-SEARCH";
  query.sort_by = "username";
  query.descending = true;
  query.skip = 1;
  query.limit = 1;
  const auto page = parse(list_users(tx(), query));
  EXPECT_EQ(page["total"].GetInt(), 3);
  EXPECT_TRUE(page["has_more"].GetBool());
  ASSERT_EQ(page["items"].Size(), 1u);
  EXPECT_STREQ(page["items"][0]["username"].GetString(), "kim-search");
  query.skip = 2;
  EXPECT_FALSE(parse(list_users(tx(), query))["has_more"].GetBool());
}

TEST_F(AccountsRepository, TheUserListFiltersByActivity) {
  const auto ann = add("ann-activity");
  add("bob-activity");
  set_active(tx(), ann, false);
  UserQuery query;
  query.search = "activity";
  query.is_active = false;
  const auto page = parse(list_users(tx(), query));
  ASSERT_EQ(page["total"].GetInt(), 1);
  EXPECT_STREQ(page["items"][0]["username"].GetString(), "ann-activity");
}

TEST_F(AccountsRepository, AUserExistsOnceCreated) {
  EXPECT_FALSE(user_exists(tx(), 987654321));
  EXPECT_TRUE(user_exists(tx(), add("ann")));
}

TEST_F(AccountsRepository, ATakenEmailIsAUniqueViolation) {
  add("ann");
  EXPECT_THROW(create_user(tx(), "ann@example.com", "other", "", "h"), pqxx::unique_violation);
}

}  // namespace
}  // namespace switchyard::storage::identity
