#include "json/shallow_scan.hpp"

#include <gtest/gtest.h>

#include "storage/tasks/set_aside_repository.hpp"

namespace switchyard::json {
namespace {

TEST(ShallowScan, CountsNestingOutsideStringsOnly) {
  EXPECT_FALSE(nests_deeper_than(R"({"a":[1,{"b":2}]})", 3));
  EXPECT_TRUE(nests_deeper_than(R"({"a":[1,{"b":2}]})", 2));
  EXPECT_FALSE(nests_deeper_than(R"({"a":"[[[[[[\"{{{{"})", 1));
  EXPECT_TRUE(nests_deeper_than(std::string(200000, '['), 64));
  EXPECT_FALSE(nests_deeper_than(R"("never closes \)", 0));
}

TEST(ShallowScan, CutsAnArrayIntoItsItems) {
  const auto items = array_items(R"( [ {"id":"a","p":[1,2]}, "x,]" ,3 , [[]] ] )");
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 4u);
  EXPECT_EQ((*items)[0], R"({"id":"a","p":[1,2]})");
  EXPECT_EQ((*items)[1], R"("x,]")");
  EXPECT_EQ((*items)[2], "3");
  EXPECT_EQ((*items)[3], "[[]]");
  EXPECT_TRUE(array_items("[]")->empty());
}

TEST(ShallowScan, RefusesWhatIsNotAnArray) {
  EXPECT_FALSE(array_items("{}"));
  EXPECT_FALSE(array_items("[1,2"));
  EXPECT_FALSE(array_items("[1 2]"));
  EXPECT_FALSE(array_items("[{]"));
  EXPECT_FALSE(array_items(R"(["open)"));
  EXPECT_FALSE(array_items("[1] trailing"));
  EXPECT_FALSE(array_items(""));
}

TEST(ShallowScan, ReadsTopLevelStringsOfADeepObject) {
  std::string deep = R"({"id":"0192","payload":)";
  for (int i = 0; i < 50000; ++i) deep += "[";
  for (int i = 0; i < 50000; ++i) deep += "]";
  deep += R"(,"service":"sys\"tem","n":1})";
  EXPECT_EQ(top_level_string(deep, "id"), "0192");
  EXPECT_EQ(top_level_string(deep, "service"), "sys\"tem");
  EXPECT_FALSE(top_level_string(deep, "n"));
  EXPECT_FALSE(top_level_string(deep, "missing"));
  EXPECT_FALSE(top_level_string("[1]", "id"));
  EXPECT_FALSE(object_members(R"({"a" 1})"));
}

TEST(StorableText, DropsNulAndReplacesInvalidUtf8) {
  using storage::storable_text;
  EXPECT_EQ(storable_text(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(storable_text("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(storable_text("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(storable_text("\xED\xB0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(storable_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
  EXPECT_EQ(storable_text("\xC3"), "\xEF\xBF\xBD");                                  // cut short
  EXPECT_EQ(storable_text("\xC3\xA9\xC3\xA9", 3), "\xC3\xA9");  // never cuts a character
}

}  // namespace
}  // namespace switchyard::json
