// application/x-www-form-urlencoded parsing (xcore's login form): percent
// escapes, '+' for spaces, empty and missing values, malformed escapes kept.
#include <gtest/gtest.h>

#include "http/request_fields.hpp"

namespace switchyard::api {
namespace {

TEST(FormBody, DecodesTheDocumentsLoginExample) {
  const auto fields = parse_form("username=email%40example.com&password=p%C3%A9ss+word%21");
  EXPECT_EQ(fields.at("username"), "email@example.com");
  EXPECT_EQ(fields.at("password"), "p\xC3\xA9ss word!");
}

TEST(FormBody, EmptyMissingAndRepeatedFields) {
  const auto fields = parse_form("a=&b&&c=1&c=2");
  EXPECT_EQ(fields.at("a"), "");
  EXPECT_EQ(fields.at("b"), "");
  EXPECT_EQ(fields.at("c"), "2");
  EXPECT_TRUE(parse_form("").empty());
}

TEST(FormBody, MalformedEscapesAreKeptAsText) {
  EXPECT_EQ(parse_form("x=100%").at("x"), "100%");
  EXPECT_EQ(parse_form("x=%zz").at("x"), "%zz");
  EXPECT_EQ(parse_form("x=%4").at("x"), "%4");
}

}  // namespace
}  // namespace switchyard::api
