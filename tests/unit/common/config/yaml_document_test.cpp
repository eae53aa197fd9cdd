// Hostile YAML for the configuration loaders (common/config/yaml_document.hpp,
// services_config.hpp, clients_config.hpp): inputs found by make fuzz
// (tests/fuzz/services_config_fuzz.cpp, clients_config_fuzz.cpp) and those of
// issue 14. Each is a ConfigError naming the file, never a yaml-cpp exception or
// a crash of the process that loads it.
#include "config/yaml_document.hpp"

#include <gtest/gtest.h>

#include <string>

#include "config/clients_config.hpp"
#include "config/config_error.hpp"
#include "config/services_config.hpp"

namespace switchyard::config {
namespace {

using namespace std::string_literals;

// The message of the ConfigError that loading `text` as services.yaml and as
// clients.yaml throws; any other exception fails the test.
std::string services_error(const std::string& text) {
  try {
    ServicesConfig::parse(YamlDocument::load_string(text, "services.yaml"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ConfigError for services.yaml:\n" << text;
  return "";
}

std::string clients_error(const std::string& text) {
  try {
    ClientsConfig::parse(YamlDocument::load_string(text, "clients.yaml"), false);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ConfigError for clients.yaml:\n" << text;
  return "";
}

TEST(YamlDocument, RefusesAServiceNameThatIsAListNamingItsLine) {
  // Found by services_config_fuzz: yaml-cpp's TypedBadConversion escaped before.
  EXPECT_EQ(services_error("services:\n  ? [a, b]\n  : {actions: {noop: {}}}\n"),
            "services.yaml:2:5: a key must be plain text");
}

TEST(YamlDocument, RefusesAnActionNameThatIsAMapping) {
  EXPECT_EQ(services_error("services:\n  system:\n    actions:\n      ? {a: 1}\n      : {}\n"),
            "services.yaml:4:9: a key must be plain text");
}

TEST(YamlDocument, RefusesATopLevelKeyThatIsNotText) {
  EXPECT_EQ(services_error("? {x: 1}\n: 2\n"), "services.yaml:1:3: a key must be plain text");
  EXPECT_EQ(clients_error("? {x: 1}\n: 2\n"), "clients.yaml:1:3: a key must be plain text");
}

TEST(YamlDocument, RefusesANullKey) {
  EXPECT_NE(
      services_error("services:\n  ~: {actions: {noop: {}}}\n").find("a key must be plain text"),
      std::string::npos);
}

TEST(YamlDocument, RefusesAnApiKeyEntryWithAListKey) {
  EXPECT_NE(clients_error("api_keys:\n  - ? [name]\n    : x\n").find("a key must be plain text"),
            std::string::npos);
}

TEST(YamlDocument, RefusesNestingTooDeepForTheParser) {
  // Issue 14's 200,000 nested '[' and 20,000 nested mappings, as YAML flow style.
  EXPECT_NE(services_error("services: " + std::string(200'000, '[')).find("services.yaml:"),
            std::string::npos);
  std::string mappings = "services: ";
  for (int i = 0; i < 20'000; ++i) mappings += "{a: ";
  mappings += "1" + std::string(20'000, '}');
  EXPECT_NE(services_error(mappings).find("services.yaml:"), std::string::npos);
  EXPECT_NE(clients_error("api_keys: " + std::string(200'000, '[')).find("clients.yaml:"),
            std::string::npos);
}

TEST(YamlDocument, RefusesNulAndNumbersOutOfRangeNamingTheKey) {
  EXPECT_NE(
      services_error("services:\n  sys\0tem:\n    actions: {noop: {}}\n"s).find("services.yaml:"),
      std::string::npos);
  EXPECT_EQ(services_error("services:\n  s:\n    prefetch: 99999999999999999999999\n"
                           "    actions: {a: {}}\n"),
            "services.yaml:3:15: \"prefetch\" must be an integer in [1, 65535]");
}

}  // namespace
}  // namespace switchyard::config
