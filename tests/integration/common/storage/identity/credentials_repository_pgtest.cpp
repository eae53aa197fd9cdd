// Stored credentials' SQL (common/storage/identity/credentials_repository.hpp) on
// a migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <string>

#include "storage/identity/credentials_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::identity {
namespace {

class CredentialsRepository : public testing::RolledBackTest {
 protected:
  std::int64_t admin_id() {
    return tx().exec1("SELECT id FROM users WHERE username = 'admin'")[0].as<std::int64_t>();
  }
};

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  return doc;
}

TEST_F(CredentialsRepository, ATokenIsRevokedOnlyOnce) {
  create_token(tx(), "digest-1", admin_id());
  EXPECT_TRUE(revoke_token(tx(), "digest-1"));
  EXPECT_FALSE(revoke_token(tx(), "digest-1"));
  EXPECT_FALSE(revoke_token(tx(), "unknown"));
}

TEST_F(CredentialsRepository, AnApiKeyIsAnsweredWithoutItsDigest) {
  const auto key = parse(create_api_key(tx(), "ci", "digest-ci", "client", "acme"));
  EXPECT_STREQ(key["name"].GetString(), "ci");
  EXPECT_STREQ(key["role"].GetString(), "client");
  EXPECT_STREQ(key["client"].GetString(), "acme");
  EXPECT_TRUE(key["revoked_at"].IsNull());
  EXPECT_FALSE(key.HasMember("digest"));
  const auto admin = parse(create_api_key(tx(), "ops", "digest-ops", "admin", ""));
  EXPECT_TRUE(admin["client"].IsNull());  // no client: null, not ""
}

TEST_F(CredentialsRepository, RevokingAKeyTwiceKeepsTheFirstRevocationTime) {
  const auto id = parse(create_api_key(tx(), "ci", "digest-ci", "client", "acme"))["id"].GetInt64();
  const auto first = parse(revoke_api_key(tx(), id).value());
  ASSERT_TRUE(first["revoked_at"].IsString());
  tx().exec_params0("UPDATE api_keys SET revoked_at = '2021-01-01T00:00:00Z' WHERE id = $1", id);
  const auto second = parse(revoke_api_key(tx(), id).value());
  EXPECT_STREQ(second["revoked_at"].GetString(), "2021-01-01T00:00:00.000Z");
  EXPECT_FALSE(revoke_api_key(tx(), 987654321).has_value());
}

TEST_F(CredentialsRepository, KeysAreListedNewestFirstWithTheRevokedOnes) {
  for (const char* name : {"a", "b", "c"}) {
    create_api_key(tx(), name, std::string("digest-") + name, "client", "acme");
  }
  revoke_api_key(tx(), parse(create_api_key(tx(), "d", "digest-d", "reader", ""))["id"].GetInt64());
  const auto page = parse(list_api_keys(tx(), 0, 2));
  EXPECT_EQ(page["total"].GetInt(), 4);
  EXPECT_TRUE(page["has_more"].GetBool());
  ASSERT_EQ(page["items"].Size(), 2u);
  EXPECT_STREQ(page["items"][0]["name"].GetString(), "d");
  EXPECT_TRUE(page["items"][0]["revoked_at"].IsString());
  EXPECT_STREQ(page["items"][1]["name"].GetString(), "c");
  EXPECT_FALSE(parse(list_api_keys(tx(), 2, 2))["has_more"].GetBool());
}

TEST_F(CredentialsRepository, ATakenKeyNameIsAUniqueViolation) {
  create_api_key(tx(), "ci", "digest-1", "client", "acme");
  EXPECT_THROW(create_api_key(tx(), "ci", "digest-2", "client", "acme"), pqxx::unique_violation);
}

}  // namespace
}  // namespace switchyard::storage::identity
