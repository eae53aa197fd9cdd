// RequestHead: the stream listener's request parsing.
#include "events/request_head.hpp"

#include <gtest/gtest.h>

namespace switchyard::api::events {
namespace {

TEST(RequestHead, ParsesLineFieldsAndQuery) {
  const std::string raw =
      "GET /api/v1/events/stream?types=task.%2A,user.login&service=a+b HTTP/1.1\r\n"
      "Host: x\r\nAuthorization:  Bearer k \r\nLast-Event-ID: 7\r\n\r\nrest";
  RequestHead head;
  std::size_t consumed = 0;
  ASSERT_EQ(parse_request_head(raw, head, consumed), HeadParse::kDone);
  EXPECT_EQ(consumed, raw.size() - 4);
  EXPECT_EQ(head.method, "GET");
  EXPECT_EQ(head.path, "/api/v1/events/stream");
  EXPECT_EQ(head.field("authorization"), "Bearer k");
  EXPECT_EQ(head.field("last-event-id"), "7");
  EXPECT_EQ(head.parameter("types"), "task.*,user.login");
  EXPECT_EQ(head.parameter("service"), "a b");
  EXPECT_EQ(head.parameter("absent"), std::nullopt);
}

TEST(RequestHead, IncompleteMalformedAndTooLarge) {
  RequestHead head;
  std::size_t consumed = 0;
  EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nHost: x\r\n", head, consumed),
            HeadParse::kIncomplete);
  EXPECT_EQ(parse_request_head("GET /\r\n\r\n", head, consumed), HeadParse::kMalformed);
  EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nno colon\r\n\r\n", head, consumed),
            HeadParse::kMalformed);
  EXPECT_EQ(parse_request_head(std::string("GET /\0 HTTP/1.1\r\n\r\n", 20), head, consumed),
            HeadParse::kMalformed);
  EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nX: " + std::string(20000, 'a'), head, consumed),
            HeadParse::kTooLarge);
  // A dangling percent sign is kept as is.
  ASSERT_EQ(parse_request_head("GET /?a=%4 HTTP/1.1\r\n\r\n", head, consumed), HeadParse::kDone);
  EXPECT_EQ(head.parameter("a"), "%4");
}

}  // namespace
}  // namespace switchyard::api::events
