// RequestHeadWatch (api/http/request_head_watch.hpp): the request head's limits on
// raw bytes, however the bytes are split: 414 for a long request line, 431 past
// the header size or count (repeated names included), 400 for a Content-Length
// that is not a number, 413 for one past the body limit; nothing for an ordinary
// request.
#include "http/request_head_watch.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace switchyard::api {
namespace {

const RequestHeadLimits kLimits{8192, {16384, 100}, 1 << 20};

// The refusal's code for `head` delivered in pieces of `piece` bytes (kInternal
// when nothing was refused).
ErrorCode verdict(const std::string& head, std::size_t piece = 1 << 30,
                  const RequestHeadLimits& limits = kLimits) {
  RequestHeadWatch watch;
  for (std::size_t at = 0; at < head.size(); at += piece) {
    if (auto refusal = watch.take(std::string_view(head).substr(at, piece), limits)) {
      return refusal->code();
    }
  }
  return ErrorCode::kInternal;
}

const std::string kOrdinary =
    "POST /api/v1/tasks HTTP/1.1\r\nHost: localhost:8000\r\n"
    "Authorization: Bearer dev-admin-key\r\nContent-Type: application/json\r\n"
    "Content-Length: 42\r\n\r\n{\"service\":\"system\",\"action\":\"noop\"}";

TEST(RequestHeadWatch, LetsAnOrdinaryRequestThroughHoweverItIsSplit) {
  for (std::size_t piece : {1, 2, 3, 7, 64, 4096}) {
    EXPECT_EQ(verdict(kOrdinary, piece), ErrorCode::kInternal) << piece;
  }
  EXPECT_EQ(verdict("GET /health HTTP/1.1\r\n\r\n"), ErrorCode::kInternal);
}

TEST(RequestHeadWatch, NamesThePathOfTheRequestLine) {
  RequestHeadWatch watch;
  watch.take("GET /api/v1alpha1/events/list?limit=3 HTTP/1.1\r\nX-A: b\r\n", kLimits);
  EXPECT_EQ(watch.path(), "/api/v1alpha1/events/list");
  RequestHeadWatch partial;
  partial.take("POST /api/auth/token/ HT", kLimits);
  EXPECT_EQ(partial.path(), "/api/auth/token/");
}

TEST(RequestHeadWatch, RefusesALongRequestLineBeforeItEnds) {
  const std::string line = "GET /" + std::string(9000, 'a');
  EXPECT_EQ(verdict(line, 1000), ErrorCode::kUriTooLong);
}

TEST(RequestHeadWatch, RefusesHeaderFieldsPastTheSizeEvenMidLine) {
  const std::string big = "GET / HTTP/1.1\r\nX-Padding: " + std::string(64 << 10, 'a');
  EXPECT_EQ(verdict(big, 4096), ErrorCode::kHeadersTooLarge);  // no CRLF yet
  // Exactly at the limit is taken: "X: " + value + CRLF.
  const RequestHeadLimits small{8192, {100, 100}, 1 << 20};
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\nX: " + std::string(95, 'v') + "\r\n\r\n", 10, small),
            ErrorCode::kInternal);
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\nX: " + std::string(96, 'v') + "\r\n\r\n", 10, small),
            ErrorCode::kHeadersTooLarge);
}

TEST(RequestHeadWatch, CountsRepeatedFieldLines) {
  std::string head = "GET /health HTTP/1.1\r\n";
  for (int i = 0; i < 100; ++i) head += "X-A: b\r\n";
  EXPECT_EQ(verdict(head + "\r\n"), ErrorCode::kInternal);
  EXPECT_EQ(verdict(head + "X-A: b\r\n\r\n"), ErrorCode::kHeadersTooLarge);
}

TEST(RequestHeadWatch, RefusesAContentLengthPastTheBodyLimitBeforeTheBody) {
  EXPECT_EQ(verdict("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n"),
            ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(verdict("POST / HTTP/1.1\r\ncontent-length:1000000000\r\n\r\n", 3),
            ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(verdict("POST / HTTP/1.1\r\nCONTENT-LENGTH: 1048576 \r\n\r\n"), ErrorCode::kInternal);
}

TEST(RequestHeadWatch, RefusesAContentLengthThatIsNotOneNumber) {
  for (const char* value : {"-5", "abc", "12abc", "", "99999999999999999999999", "1 2", "+3"}) {
    EXPECT_EQ(verdict(std::string("POST / HTTP/1.1\r\nContent-Length: ") + value + "\r\n\r\n"),
              ErrorCode::kValidation)
        << value;
  }
  EXPECT_EQ(verdict("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"),
            ErrorCode::kValidation);
  EXPECT_EQ(verdict("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nabcde"),
            ErrorCode::kInternal);
}

TEST(RequestHeadWatch, RefusesFieldValuesThatAreNotText) {
  for (const std::string& value :
       std::vector<std::string>{std::string("a\0b", 3), "a\x01", "\x7F", "\xFF", "\xC0\x80",
                                "\xED\xA0\x80", "caf\xC3", "a\rb",
                                "\xC3"
                                "a\xA9",
                                "\xE2\x82"}) {
    RequestHeadWatch watch;
    const auto refusal =
        watch.take("POST / HTTP/1.1\r\nIdempotency-Key: " + value + "\r\n\r\n", kLimits);
    ASSERT_TRUE(refusal) << value;
    EXPECT_EQ(refusal->code(), ErrorCode::kValidation);
    EXPECT_NE(refusal->details_json().find("\"field\":\"Idempotency-Key\""), std::string::npos)
        << refusal->details_json();
  }
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\nX-Name: caf\xC3\xA9 \xF0\x9F\x98\x80\tok\r\n\r\n", 1),
            ErrorCode::kInternal);
}

TEST(RequestHeadWatch, RefusesNamesThatAreNotTokensAndLinesWithoutAColon) {
  for (const std::string& line : std::vector<std::string>{
           "X Name: v", "X-Name : v", " folded", "X\0N: v", "no colon", ": v", "X-\xC3\xA9: v"}) {
    EXPECT_EQ(verdict("GET / HTTP/1.1\r\n" + line + "\r\n\r\n"), ErrorCode::kValidation) << line;
  }
}

TEST(RequestHeadWatch, RefusesAControlCharacterInTheRequestLine) {
  EXPECT_EQ(verdict(std::string("GET /a\0b HTTP/1.1\r\n\r\n", 22)), ErrorCode::kValidation);
  EXPECT_EQ(verdict("GET /a\x01 HTTP/1.1\r\n\r\n"), ErrorCode::kValidation);
}

TEST(RequestHeadWatch, RefusesWhicheverLimitIsPassedFirst) {
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\nX-Bad: \x01\r\nX-Big: " + std::string(64 << 10, 'a')),
            ErrorCode::kValidation);  // the bad line came first: it is refused at its end
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\nX-Big: " + std::string(64 << 10, 'a') + "\x01\r\n"),
            ErrorCode::kHeadersTooLarge);
}

TEST(RequestHeadWatch, IgnoresTheBodyAndStartsAgainOnRestart) {
  RequestHeadWatch watch;
  EXPECT_FALSE(watch.take(kOrdinary, kLimits));
  // Body bytes that look like a head are not read as one.
  EXPECT_FALSE(watch.take("X: " + std::string(100000, 'a') + "\r\n", kLimits));
  watch.restart();
  EXPECT_TRUE(watch.take("GET /" + std::string(9000, 'a'), kLimits));
}

}  // namespace
}  // namespace switchyard::api
