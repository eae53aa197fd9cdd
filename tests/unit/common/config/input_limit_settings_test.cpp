// The request input limits of Settings (JSON_MAX_DEPTH, MAX_HEADER_BYTES,
// MAX_HEADER_COUNT): their documented defaults, and values out of range refused by
// the variable's name.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config_error.hpp"
#include "config/settings.hpp"

namespace switchyard::config {
namespace {

using Environment = std::map<std::string, std::string>;

Settings settings_from(const Environment& env) {
  return Settings::from_environment([&env](const char* name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

TEST(InputLimitSettings, DefaultToTheDocumentedValues) {
  const Settings s = settings_from({});
  EXPECT_EQ(s.json_max_depth, 64u);
  EXPECT_EQ(s.max_header_bytes, 16384u);
  EXPECT_EQ(s.max_header_count, 100u);
}

TEST(InputLimitSettings, ReadTheEnvironment) {
  const Settings s = settings_from(
      {{"JSON_MAX_DEPTH", "16"}, {"MAX_HEADER_BYTES", "32768"}, {"MAX_HEADER_COUNT", "50"}});
  EXPECT_EQ(s.json_max_depth, 16u);
  EXPECT_EQ(s.max_header_bytes, 32768u);
  EXPECT_EQ(s.max_header_count, 50u);
}

TEST(InputLimitSettings, RefuseValuesOutOfRangeByName) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"JSON_MAX_DEPTH", "1"},
                                                        {"JSON_MAX_DEPTH", "513"},
                                                        {"MAX_HEADER_BYTES", "100"},
                                                        {"MAX_HEADER_COUNT", "0"},
                                                        {"MAX_HEADER_COUNT", "many"}}) {
    try {
      settings_from({{name, value}});
      ADD_FAILURE() << name << "=" << value << " accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace switchyard::config
