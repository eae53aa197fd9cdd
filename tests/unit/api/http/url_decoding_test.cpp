// Percent-decoding of path and query parameters (Pistache 0.0.5 passes them
// raw): '+' is a space only in a query, malformed escapes stay text, and a value
// that does not decode to UTF-8 text is refused with the parameter's name.
#include "http/url_decoding.hpp"

#include <gtest/gtest.h>

#include "errors/app_error.hpp"

namespace switchyard::api {
namespace {

TEST(UrlDecoding, DecodesEscapes) {
  EXPECT_EQ(url_decode("production%2Dcluster", PlusSign::kLiteral), "production-cluster");
  EXPECT_EQ(url_decode("acme%20eu", PlusSign::kLiteral), "acme eu");
  EXPECT_EQ(url_decode("c%2fx", PlusSign::kLiteral), "c/x");
  EXPECT_EQ(url_decode("caf%C3%A9", PlusSign::kLiteral), "café");
  EXPECT_EQ(url_decode("%41", PlusSign::kLiteral), "A");
}

TEST(UrlDecoding, PlusIsASpaceOnlyInQueries) {
  EXPECT_EQ(url_decode("a+b", PlusSign::kSpace), "a b");
  EXPECT_EQ(url_decode("a+b", PlusSign::kLiteral), "a+b");
  EXPECT_EQ(url_decode("10:30:00%2B02:00", PlusSign::kSpace), "10:30:00+02:00");
}

TEST(UrlDecoding, MalformedEscapesStayText) {
  EXPECT_EQ(url_decode("100%", PlusSign::kLiteral), "100%");
  EXPECT_EQ(url_decode("%4", PlusSign::kLiteral), "%4");
  EXPECT_EQ(url_decode("%zz", PlusSign::kLiteral), "%zz");
}

TEST(UrlDecoding, RefusesWhatIsNotUtf8Text) {
  EXPECT_EQ(decoded_parameter("client", "caf%C3%A9", PlusSign::kLiteral), "café");
  EXPECT_EQ(decoded_parameter("client", "%F0%9F%9A%80", PlusSign::kLiteral), "\xF0\x9F\x9A\x80");
  for (const char* bad : {"%FF", "a%00b", "%C3", "%C0%AF", "%ED%A0%80", "%F4%90%80%80"}) {
    try {
      decoded_parameter("client", bad, PlusSign::kLiteral);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const AppError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kValidation) << bad;
      EXPECT_NE(std::string(e.what()).find("client"), std::string::npos) << bad;
    }
  }
}

}  // namespace
}  // namespace switchyard::api
