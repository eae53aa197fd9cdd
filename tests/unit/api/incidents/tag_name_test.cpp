// tag_name (api/incidents/imas_fields.hpp): the one rule for a tag's name, used
// by the tag catalog and by POST /api/v1/incidents/{id}/tags/, so that both name
// the same tag.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "incidents/imas_fields.hpp"

namespace switchyard::api::incidents {
namespace {

std::optional<std::string> name_of(const std::string& json) {
  rapidjson::Document value;
  value.Parse(json.c_str(), json.size());
  return tag_name(value);
}

TEST(TagName, DropsSurroundingWhitespaceAndKeepsTheRest) {
  EXPECT_EQ(name_of(R"("database")"), "database");
  EXPECT_EQ(name_of(R"(" \t database\r\n ")"), "database");
  EXPECT_EQ(name_of(R"(" two  words ")"), "two  words");
  EXPECT_EQ(name_of(R"("Ünïcode 日本")"), "Ünïcode 日本");
}

TEST(TagName, RefusesWhatIsNotANameOfOneToAHundredCharacters) {
  for (const char* bad : {R"("")", R"("   ")", R"(" \t\r\n")", R"("a\u0000b")", "42", "null",
                          R"(["a"])", R"({"name":"a"})"}) {
    EXPECT_FALSE(name_of(bad)) << bad;
  }
}

TEST(TagName, CountsCharactersNotBytesAndIgnoresTheSpacesItDrops) {
  const std::string hundred_wide = std::string("\"") + [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += "é";
    return s;
  }() + "\"";
  EXPECT_TRUE(name_of(hundred_wide));  // 200 bytes, 100 characters
  EXPECT_FALSE(name_of("\"" + std::string(101, 'a') + "\""));
  EXPECT_EQ(name_of("\"  " + std::string(100, 'a') + "  \""), std::string(100, 'a'));
}

}  // namespace
}  // namespace switchyard::api::incidents
