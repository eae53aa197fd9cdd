// clients.yaml (common/config/clients_config.hpp): API keys stored as SHA-256
// digests, looked up by the digest of the presented key; mistakes refused with
// their line.
#include "config/clients_config.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "config/config_error.hpp"
#include "config/yaml_document.hpp"
#include "security/key_digest.hpp"
#include "support/test_servers.hpp"

namespace switchyard::config {
namespace {

constexpr const char* kDevKeyDigest =
    "df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9";

ClientsConfig parse_text(const std::string& text, bool production = false) {
  return ClientsConfig::parse(YamlDocument::load_string(text, "clients.yaml"), production);
}

std::string error_of(const std::string& text, bool production = false) {
  try {
    parse_text(text, production);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ConfigError for:\n" << text;
  return "";
}

std::string two_keys() {
  return "api_keys:\n"
         "  - name: dev-admin\n"
         "    sha256: " +
         std::string(kDevKeyDigest) +
         "\n"
         "    role: admin\n"
         "  - name: acme-app\n"
         "    sha256: " +
         security::sha256_hex("acme-secret") +
         "\n"
         "    role: client\n"
         "    client: acme\n";
}

TEST(ClientsConfig, HashesTheDevelopmentKeyToTheDocumentedDigest) {
  EXPECT_EQ(security::sha256_hex("dev-admin-key"), kDevKeyDigest);
}

TEST(ClientsConfig, AuthenticatesAKeyByItsDigest) {
  const ClientsConfig config = parse_text(two_keys());
  ASSERT_EQ(config.api_keys.size(), 2u);

  const ApiKey* admin = config.authenticate("dev-admin-key");
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->name, "dev-admin");
  EXPECT_EQ(admin->role, KeyRole::kAdmin);

  const ApiKey* client = config.authenticate("acme-secret");
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->name, "acme-app");
  EXPECT_EQ(client->role, KeyRole::kClient);
  EXPECT_EQ(client->client, "acme");
}

TEST(ClientsConfig, RejectsUnknownKeys) {
  const ClientsConfig config = parse_text(two_keys());
  EXPECT_EQ(config.authenticate("dev-admin-key "), nullptr);
  EXPECT_EQ(config.authenticate("DEV-ADMIN-KEY"), nullptr);
  EXPECT_EQ(config.authenticate(""), nullptr);
  EXPECT_EQ(config.authenticate(kDevKeyDigest), nullptr);  // the digest is not the key
}

TEST(ClientsConfig, LoadsTheRepositoryClientsFile) {
  const ClientsConfig config =
      ClientsConfig::load_file(testing::source_dir() + "/config/clients.yaml", false);
  const ApiKey* admin = config.authenticate("dev-admin-key");
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->role, KeyRole::kAdmin);
}

TEST(ClientsConfig, RefusesTheDevelopmentKeyInProduction) {
  const std::string message = error_of(two_keys(), /*production=*/true);
  EXPECT_NE(message.find("clients.yaml:2"), std::string::npos) << message;
  EXPECT_NE(message.find("dev-admin-key"), std::string::npos) << message;
  EXPECT_THROW(ClientsConfig::load_file(testing::source_dir() + "/config/clients.yaml", true),
               ConfigError);
}

TEST(ClientsConfig, AcceptsOtherKeysInProduction) {
  const ClientsConfig config =
      parse_text("api_keys:\n  - name: ops\n    sha256: " + security::sha256_hex("a real secret") +
                     "\n    role: admin\n",
                 /*production=*/true);
  EXPECT_NE(config.authenticate("a real secret"), nullptr);
}

TEST(ClientsConfig, RefusesADigestThatIsNotLowercaseHexOfSixtyFourCharacters) {
  const std::string short_digest =
      error_of("api_keys:\n  - name: a\n    sha256: abc123\n    role: admin\n");
  EXPECT_NE(short_digest.find("clients.yaml:3"), std::string::npos) << short_digest;
  EXPECT_NE(short_digest.find("sha256"), std::string::npos) << short_digest;

  std::string upper = kDevKeyDigest;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string uppercase =
      error_of("api_keys:\n  - name: a\n    sha256: " + upper + "\n    role: admin\n");
  EXPECT_NE(uppercase.find("clients.yaml:3"), std::string::npos) << uppercase;

  const std::string missing = error_of("api_keys:\n  - name: a\n    role: admin\n");
  EXPECT_NE(missing.find("sha256"), std::string::npos) << missing;
}

TEST(ClientsConfig, RefusesAnUnknownRole) {
  const std::string message =
      error_of("api_keys:\n  - name: a\n    sha256: " + std::string(kDevKeyDigest) +
               "\n    role: superuser\n");
  EXPECT_NE(message.find("clients.yaml:4"), std::string::npos) << message;
  EXPECT_NE(message.find("role"), std::string::npos) << message;
}

TEST(ClientsConfig, RefusesAClientKeyWithoutItsClient) {
  const std::string message =
      error_of("api_keys:\n  - name: ok\n    sha256: " + security::sha256_hex("x") +
               "\n    role: admin\n  - name: app\n    sha256: " + security::sha256_hex("y") +
               "\n    role: client\n");
  EXPECT_NE(message.find("clients.yaml:5"), std::string::npos) << message;
  EXPECT_NE(message.find("client"), std::string::npos) << message;
}

TEST(ClientsConfig, TreatsAKeyWithoutARoleAsAClientKey) {
  const std::string message =
      error_of("api_keys:\n  - name: app\n    sha256: " + security::sha256_hex("y") + "\n");
  EXPECT_NE(message.find("clients.yaml:2"), std::string::npos) << message;
  const ClientsConfig config =
      parse_text("api_keys:\n  - name: app\n    sha256: " + security::sha256_hex("y") +
                 "\n    client: acme\n");
  ASSERT_EQ(config.api_keys.size(), 1u);
  EXPECT_EQ(config.api_keys[0].role, KeyRole::kClient);
}

TEST(ClientsConfig, ReaderKeysMayNameAClientOrNone) {
  const ClientsConfig config =
      parse_text("api_keys:\n  - name: badge\n    sha256: " + security::sha256_hex("b") +
                 "\n    role: reader\n    client: acme\n  - name: dashboard\n    sha256: " +
                 security::sha256_hex("d") + "\n    role: reader\n");
  ASSERT_EQ(config.api_keys.size(), 2u);
  EXPECT_EQ(config.api_keys[0].role, KeyRole::kReader);
  EXPECT_EQ(config.api_keys[0].client, "acme");
  EXPECT_EQ(config.api_keys[1].role, KeyRole::kReader);
  EXPECT_EQ(config.api_keys[1].client, "");
  for (const KeyRole role : {KeyRole::kAdmin, KeyRole::kClient, KeyRole::kReader}) {
    EXPECT_EQ(parse_key_role(to_string(role)), role);
  }
  EXPECT_FALSE(parse_key_role("superuser").has_value());
}

TEST(ClientsConfig, RefusesDuplicateKeyNames) {
  const std::string message = error_of(
      "api_keys:\n"
      "  - name: twin\n"
      "    sha256: " +
      security::sha256_hex("one") +
      "\n"
      "    role: admin\n"
      "  - name: twin\n"
      "    sha256: " +
      security::sha256_hex("two") +
      "\n"
      "    role: admin\n");
  EXPECT_NE(message.find("clients.yaml:5"), std::string::npos) << message;
  EXPECT_NE(message.find("twin"), std::string::npos) << message;
}

TEST(ClientsConfig, RefusesUnknownKeysInAnEntry) {
  const std::string message =
      error_of("api_keys:\n  - name: a\n    sha256: " + std::string(kDevKeyDigest) +
               "\n    role: admin\n    rate_limt: 5\n");
  EXPECT_NE(message.find("clients.yaml:5"), std::string::npos) << message;
  EXPECT_NE(message.find("rate_limt"), std::string::npos) << message;
}

TEST(ClientsConfig, ReadsTheFailedLoginAndAnonymousWriteLimits) {
  const RateLimits defaults = parse_text("").rate_limits;
  EXPECT_EQ(defaults.failed_logins.requests, 10u);
  EXPECT_EQ(defaults.failed_logins.period, std::chrono::seconds(900));
  EXPECT_EQ(defaults.anonymous_writes.requests, 60u);
  const RateLimits limits = parse_text(
                                "rate_limits:\n"
                                "  failed_logins: {requests: 3, period_seconds: 600}\n"
                                "  anonymous_writes: {requests: 0, period_seconds: 60}\n")
                                .rate_limits;
  EXPECT_EQ(limits.failed_logins.requests, 3u);
  EXPECT_EQ(limits.failed_logins.period, std::chrono::seconds(600));
  EXPECT_EQ(limits.anonymous_writes.requests, 0u);
}

TEST(ClientsConfig, AcceptsAFileWithoutKeys) {
  EXPECT_TRUE(parse_text("").api_keys.empty());
  EXPECT_EQ(parse_text("").authenticate("dev-admin-key"), nullptr);
}

TEST(ClientsConfig, SignsCallbacksWithTheKeysClientSecretElseTheDeploymentOne) {
  const ClientsConfig config = parse_text(
      "api_keys:\n"
      "  - {name: acme-ci, sha256: " +
      security::sha256_hex("k1") +
      ", role: client, client: acme}\n"
      "  - {name: other, sha256: " +
      security::sha256_hex("k2") +
      ", role: client, client: other}\n"
      "callbacks:\n"
      "  secret: the-deployment-secret\n"
      "  clients:\n"
      "    acme: {callback_url: https://hooks.acme.example/x, callback_secret: "
      "acme-secret-123456}\n");
  EXPECT_EQ(config.callback_secret("acme-ci"), "acme-secret-123456");
  EXPECT_EQ(config.callback_secret("other"), "the-deployment-secret");
  EXPECT_EQ(config.callback_secret("user:7"), "the-deployment-secret");
  EXPECT_EQ(config.callbacks.clients.at("acme").url, "https://hooks.acme.example/x");
}

TEST(ClientsConfig, NeverSignsWithTheDevelopmentCallbackSecretInProduction) {
  EXPECT_EQ(parse_text("api_keys: []\n").callback_secret("x"),
            CallbackSettings::kDevelopmentSecret);
  EXPECT_EQ(parse_text("api_keys: []\n", /*production=*/true).callback_secret("x"), "");
  const std::string message =
      error_of("callbacks:\n  secret: " + std::string(CallbackSettings::kDevelopmentSecret) + "\n",
               /*production=*/true);
  EXPECT_NE(message.find("clients.yaml:2"), std::string::npos) << message;
  EXPECT_NE(error_of("callbacks:\n  secret: short\n").find("16"), std::string::npos);
  EXPECT_NE(error_of("callbacks:\n  clients:\n    a: {callback_url: ftp://x}\n").find("http"),
            std::string::npos);
}

}  // namespace
}  // namespace switchyard::config
