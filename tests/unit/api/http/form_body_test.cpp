// application/x-www-form-urlencoded parsing (xcore's login form): percent
// escapes, '+' for spaces, empty and missing values, malformed escapes kept.
#include <gtest/gtest.h>

#include "errors/app_error.hpp"
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

// A form body is held to what a JSON body is: text PostgreSQL can store.
TEST(FormBody, RefusesNulAndBytesThatAreNotUtf8NamingTheField) {
  for (const std::string& body : std::vector<std::string>{
           "username=a%00b&password=x", "username=%FF", "username=%C0%80", "username=%ED%A0%80"}) {
    try {
      parse_form(body);
      ADD_FAILURE() << "accepted: " << body;
    } catch (const AppError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kValidation) << body;
      EXPECT_NE(e.details_json().find("\"field\":\"username\""), std::string::npos)
          << e.details_json();
    }
  }
  EXPECT_THROW(parse_form("a%00b=1"), AppError);
  EXPECT_THROW(parse_form(std::string("a=b\0c", 5)), AppError);
  EXPECT_EQ(parse_form("name=caf%C3%A9+%E2%82%AC").at("name"), "caf\xC3\xA9 \xE2\x82\xAC");
}

}  // namespace
}  // namespace switchyard::api
