// services.yaml (common/config/services_config.hpp): defaults flow down to services
// and actions, and every mistake is refused with the file and line it is on.
#include "config/services_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/config_error.hpp"
#include "config/yaml_document.hpp"
#include "support/test_servers.hpp"

namespace switchyard::config {
namespace {

ServicesConfig parse_text(const std::string& text) {
  return ServicesConfig::parse(YamlDocument::load_string(text, "services.yaml"));
}

// The message of the ConfigError that parsing `text` throws ("" plus a test failure
// when nothing is thrown).
std::string error_of(const std::string& text) {
  try {
    parse_text(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ConfigError for:\n" << text;
  return "";
}

constexpr const char* kLayered = R"(defaults:
  queue_type: classic
  prefetch: 100
  max_priority: 5
  timeout_ms: 5000
  retry:
    max_attempts: 4
    backoff_base_ms: 200
services:
  alpha:
    description: First service.
    actions:
      one: {}
      two:
        timeout_ms: 9000
        retry:
          max_attempts: 1
  beta:
    queue_type: quorum
    max_priority: 0
    prefetch: 10
    publish_events: true
    timeout_ms: 7000
    retry:
      jitter: 0.5
    actions:
      three:
      four:
        retry:
          backoff_max_ms: 90000
)";

TEST(ServicesConfig, GivesServicesAndActionsTheDefaultsTheyDoNotOverride) {
  const ServicesConfig config = parse_text(kLayered);
  ASSERT_EQ(config.services.size(), 2u);
  const ServiceConfig* alpha = config.find_service("alpha");
  ASSERT_NE(alpha, nullptr);
  EXPECT_EQ(alpha->queue_type, QueueType::kClassic);
  EXPECT_EQ(alpha->prefetch, 100);
  EXPECT_EQ(alpha->max_priority, 5);
  EXPECT_FALSE(alpha->publish_events);
  EXPECT_EQ(alpha->description, "First service.");
  EXPECT_EQ(alpha->queue_name(), "tasks.alpha");

  const ActionConfig* one = config.find_action("alpha", "one");
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(one->name, "one");
  EXPECT_EQ(one->timeout_ms, 5000);
  EXPECT_EQ(one->retry.max_attempts, 4);
  EXPECT_EQ(one->retry.backoff_base_ms, 200);
  EXPECT_EQ(one->retry.backoff_max_ms, 60000);  // the built-in default
  EXPECT_DOUBLE_EQ(one->retry.jitter, 0.2);
}

TEST(ServicesConfig, LetsAnActionOverrideItsTimeoutAndPartOfItsRetryPolicy) {
  const ServicesConfig config = parse_text(kLayered);
  const ActionConfig* two = config.find_action("alpha", "two");
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(two->timeout_ms, 9000);
  EXPECT_EQ(two->retry.max_attempts, 1);
  EXPECT_EQ(two->retry.backoff_base_ms, 200);  // still the default's
}

TEST(ServicesConfig, LetsAServiceOverrideDefaultsForItselfAndItsActions) {
  const ServicesConfig config = parse_text(kLayered);
  const ServiceConfig* beta = config.find_service("beta");
  ASSERT_NE(beta, nullptr);
  EXPECT_EQ(beta->queue_type, QueueType::kQuorum);
  EXPECT_EQ(beta->prefetch, 10);
  EXPECT_EQ(beta->max_priority, 0);
  EXPECT_TRUE(beta->publish_events);

  const ActionConfig* three = config.find_action("beta", "three");
  ASSERT_NE(three, nullptr);
  EXPECT_EQ(three->timeout_ms, 7000);
  EXPECT_DOUBLE_EQ(three->retry.jitter, 0.5);
  EXPECT_EQ(three->retry.max_attempts, 4);

  const ActionConfig* four = config.find_action("beta", "four");
  ASSERT_NE(four, nullptr);
  EXPECT_EQ(four->retry.backoff_max_ms, 90000);
  EXPECT_DOUBLE_EQ(four->retry.jitter, 0.5);
  EXPECT_EQ(four->timeout_ms, 7000);
}

TEST(ServicesConfig, FindsNothingForUnknownServicesOrActions) {
  const ServicesConfig config = parse_text(kLayered);
  EXPECT_EQ(config.find_service("gamma"), nullptr);
  EXPECT_EQ(config.find_action("gamma", "one"), nullptr);
  EXPECT_EQ(config.find_action("alpha", "three"), nullptr);
}

TEST(ServicesConfig, UsesBuiltInDefaultsWithoutADefaultsSection) {
  const ServicesConfig config = parse_text("services:\n  plain:\n    actions:\n      run: {}\n");
  const ServiceConfig* plain = config.find_service("plain");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->queue_type, QueueType::kQuorum);
  EXPECT_EQ(plain->prefetch, 500);
  const ActionConfig* run = config.find_action("plain", "run");
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->timeout_ms, 30000);
  EXPECT_EQ(run->retry.max_attempts, 3);
}

TEST(ServicesConfig, LoadsTheRepositoryServicesFile) {
  const std::string path = testing::source_dir() + "/config/services.yaml";
  const ServicesConfig config = ServicesConfig::load_file(path);
  const ServiceConfig* system = config.find_service("system");
  ASSERT_NE(system, nullptr);
  EXPECT_EQ(system->queue_type, QueueType::kQuorum);
  EXPECT_EQ(system->prefetch, 500);
  ASSERT_NE(config.find_action("system", "noop"), nullptr);
  ASSERT_NE(config.find_action("system", "sleep"), nullptr);
  ASSERT_NE(config.find_action("system", "fail"), nullptr);
  EXPECT_EQ(config.find_action("system", "noop")->timeout_ms, 30000);
  EXPECT_EQ(config.find_action("system", "sleep")->timeout_ms, 120000);
  EXPECT_EQ(config.find_action("system", "fail")->retry.max_attempts, 1);
  EXPECT_EQ(config.find_action("system", "noop")->retry.max_attempts, 3);
}

TEST(ServicesConfig, RefusesAnUnknownKeyNamingFileLineAndKey) {
  const std::string message = error_of(R"(services:
  system:
    actions:
      noop: {}
      sleep:
        timeout_ms: 1000
        timeuot_ms: 2000
)");
  EXPECT_NE(message.find("services.yaml:7"), std::string::npos) << message;
  EXPECT_NE(message.find("timeuot_ms"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesAnUnknownTopLevelKey) {
  const std::string message =
      error_of("services:\n  system:\n    actions:\n      noop: {}\nservice:\n  x: 1\n");
  EXPECT_NE(message.find("services.yaml:5"), std::string::npos) << message;
  EXPECT_NE(message.find("\"service\""), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesAnUnknownKeyInDefaults) {
  const std::string message = error_of(
      "defaults:\n  prefetch: 5\n  prefech: 6\nservices:\n  a:\n    actions:\n      b: {}\n");
  EXPECT_NE(message.find("services.yaml:3"), std::string::npos) << message;
}

// YAML requires unique keys; yaml-cpp keeps both and lookups see the first, so a
// second "prefetch" meant as an override would be dropped without a word.
TEST(ServicesConfig, RefusesADuplicateKeyNamingItsLine) {
  const std::string message = error_of(R"(services:
  system:
    prefetch: 5
    prefetch: 7
    actions:
      noop: {}
)");
  EXPECT_NE(message.find("services.yaml:4"), std::string::npos) << message;
  EXPECT_NE(message.find("prefetch"), std::string::npos) << message;

  const std::string twice = error_of(R"(services:
  system:
    actions:
      noop: {}
      noop:
        timeout_ms: 5
)");
  EXPECT_NE(twice.find("services.yaml:5"), std::string::npos) << twice;
}

TEST(ServicesConfig, ReportsTheLineOfBrokenYaml) {
  const std::string message = error_of(R"(services:
  system:
    actions:
      noop: {}
   broken: true
)");
  EXPECT_NE(message.find("services.yaml:5"), std::string::npos) << message;
  EXPECT_NE(message.find("invalid YAML"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesPrefetchZero) {
  const std::string message =
      error_of("services:\n  system:\n    prefetch: 0\n    actions:\n      noop: {}\n");
  EXPECT_NE(message.find("services.yaml:3"), std::string::npos) << message;
  EXPECT_NE(message.find("prefetch"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesAnUnknownQueueType) {
  const std::string message =
      error_of("services:\n  system:\n    queue_type: bogus\n    actions:\n      noop: {}\n");
  EXPECT_NE(message.find("services.yaml:3"), std::string::npos) << message;
  EXPECT_NE(message.find("queue_type"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesJitterAboveOne) {
  const std::string message = error_of(
      "services:\n  system:\n    actions:\n      noop:\n        retry:\n          jitter: 2\n");
  EXPECT_NE(message.find("services.yaml:6"), std::string::npos) << message;
  EXPECT_NE(message.find("jitter"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesMaxPriorityOnAQuorumQueue) {
  const std::string message = error_of(
      "services:\n  system:\n    queue_type: quorum\n    max_priority: 10\n    actions:\n"
      "      noop: {}\n");
  EXPECT_NE(message.find("services.yaml:3"), std::string::npos) << message;
  EXPECT_NE(message.find("max_priority"), std::string::npos) << message;
}

TEST(ServicesConfig, AcceptsMaxPriorityOnAClassicQueue) {
  const ServicesConfig config = parse_text(
      "services:\n  system:\n    queue_type: classic\n    max_priority: 10\n    actions:\n"
      "      noop: {}\n");
  EXPECT_EQ(config.find_service("system")->max_priority, 10);
}

TEST(ServicesConfig, RefusesAServiceWithoutActions) {
  const std::string message = error_of("services:\n  system:\n    actions: {}\n");
  EXPECT_NE(message.find("services.yaml:3"), std::string::npos) << message;
  EXPECT_NE(message.find("actions"), std::string::npos) << message;
  const std::string missing = error_of("services:\n  system:\n    prefetch: 3\n");
  EXPECT_NE(missing.find("actions"), std::string::npos) << missing;
}

TEST(ServicesConfig, RefusesAnInvalidServiceName) {
  const std::string message = error_of(
      "services:\n  ok:\n    actions:\n      a: {}\n  Bad.Name:\n    actions:\n      a: {}\n");
  EXPECT_NE(message.find("services.yaml:5"), std::string::npos) << message;
  EXPECT_NE(message.find("Bad.Name"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesAnInvalidActionName) {
  const std::string message = error_of("services:\n  ok:\n    actions:\n      Run Now: {}\n");
  EXPECT_NE(message.find("services.yaml:4"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesABackoffCapBelowItsBase) {
  const std::string message = error_of(
      "services:\n  ok:\n    retry:\n      backoff_base_ms: 5000\n      backoff_max_ms: 10\n"
      "    actions:\n      a: {}\n");
  EXPECT_NE(message.find("backoff_max_ms"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesAnEmptyServicesMapping) {
  EXPECT_THROW(parse_text("services: {}\n"), ConfigError);
  EXPECT_THROW(parse_text(""), ConfigError);
}

TEST(ServicesConfig, NamesTheFileWhenLoadingFromDisk) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("services_config_test_" + std::to_string(::getpid()) + ".yaml");
  {
    std::ofstream out(path);
    out << "services:\n  system:\n    prefetch: -1\n    actions:\n      noop: {}\n";
  }
  std::string message;
  try {
    ServicesConfig::load_file(path.string());
  } catch (const ConfigError& e) {
    message = e.what();
  }
  std::filesystem::remove(path);
  EXPECT_NE(message.find(path.string() + ":3"), std::string::npos) << message;
}

TEST(ServicesConfig, RefusesAMissingFile) {
  const std::string path = "/nonexistent/dir/services.yaml";
  try {
    ServicesConfig::load_file(path);
    FAIL() << "no ConfigError for a missing file";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(ServicesConfig, PutsEachServiceInTheDefaultPoolUnlessItNamesItsOwn) {
  const auto config = parse_text(R"(services:
  fast:
    actions: {one: {}}
  slow:
    pool: outbound
    concurrency: 24
    actions: {two: {}}
)");
  EXPECT_EQ(config.find_service("fast")->pool, "default");
  EXPECT_EQ(config.find_service("fast")->concurrency, 0);
  EXPECT_EQ(config.find_service("slow")->pool, "outbound");
  EXPECT_EQ(config.find_service("slow")->concurrency, 24);
  const std::string bad = error_of(R"(services:
  slow:
    pool: "Out Bound"
    actions: {two: {}}
)");
  EXPECT_NE(bad.find("\"pool\" \"Out Bound\" must match"), std::string::npos) << bad;
  EXPECT_NE(bad.find("services.yaml"), std::string::npos) << bad;
  EXPECT_NE(error_of("services:\n  slow:\n    concurrency: 0\n    actions: {two: {}}\n")
                .find("concurrency"),
            std::string::npos);
}

TEST(IsValidName, AcceptsRoutingKeyWordsAndRejectsTheRest) {
  EXPECT_TRUE(is_valid_name("system"));
  EXPECT_TRUE(is_valid_name("a1_b-c"));
  EXPECT_FALSE(is_valid_name(""));
  EXPECT_FALSE(is_valid_name("1abc"));
  EXPECT_FALSE(is_valid_name("Bad.Name"));
  EXPECT_FALSE(is_valid_name("a.b"));
  EXPECT_FALSE(is_valid_name("a*"));
  EXPECT_FALSE(is_valid_name(std::string(65, 'a')));
}

}  // namespace
}  // namespace switchyard::config
