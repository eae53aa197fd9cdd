// The one mapping from an ErrorCode to an HTTP status and the documented error body
// (api/http/error_body.hpp).
#include "http/error_body.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <regex>
#include <string>
#include <utility>

namespace switchyard::api {
namespace {

using Pistache::Http::Code;

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

TEST(ErrorBody, MapsEachErrorCodeToItsHttpStatus) {
  EXPECT_EQ(http_status(ErrorCode::kValidation), Code::Bad_Request);
  EXPECT_EQ(http_status(ErrorCode::kUnauthorized), Code::Unauthorized);
  EXPECT_EQ(http_status(ErrorCode::kForbidden), Code::Forbidden);
  EXPECT_EQ(http_status(ErrorCode::kNotFound), Code::Not_Found);
  EXPECT_EQ(http_status(ErrorCode::kConflict), Code::Conflict);
  EXPECT_EQ(http_status(ErrorCode::kPayloadTooLarge), Code::Request_Entity_Too_Large);
  EXPECT_EQ(static_cast<int>(http_status(ErrorCode::kUriTooLong)), 414);
  EXPECT_EQ(static_cast<int>(http_status(ErrorCode::kHeadersTooLarge)), 431);
  EXPECT_EQ(http_status(ErrorCode::kRateLimited), Code::Too_Many_Requests);
  EXPECT_EQ(http_status(ErrorCode::kUnavailable), Code::Service_Unavailable);
  EXPECT_EQ(http_status(ErrorCode::kInternal), Code::Internal_Server_Error);
  EXPECT_EQ(static_cast<int>(http_status(ErrorCode::kRateLimited)), 429);
}

TEST(ErrorBody, HasTheDocumentedShape) {
  const auto doc = parse_json(error_body(ErrorCode::kNotFound, "Task not found",
                                         R"([{"field":"id","message":"unknown"}])", "req-123"));
  ASSERT_TRUE(doc.IsObject());
  ASSERT_EQ(doc.MemberCount(), 1u);
  ASSERT_TRUE(doc.HasMember("error"));
  const auto& error = doc["error"];
  ASSERT_TRUE(error.IsObject());
  EXPECT_EQ(error.MemberCount(), 5u);
  EXPECT_STREQ(error["code"].GetString(), "NOT_FOUND");
  EXPECT_STREQ(error["message"].GetString(), "Task not found");
  ASSERT_TRUE(error["details"].IsArray());
  EXPECT_STREQ(error["details"][0]["field"].GetString(), "id");
  EXPECT_STREQ(error["request_id"].GetString(), "req-123");
  ASSERT_TRUE(error["timestamp"].IsString());
  EXPECT_TRUE(std::regex_match(error["timestamp"].GetString(),
                               std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")))
      << error["timestamp"].GetString();
}

TEST(ErrorBody, WritesNullDetailsWhenThereAreNone) {
  const auto doc = parse_json(error_body(ErrorCode::kInternal, "Internal error", "", "r"));
  EXPECT_TRUE(doc["error"]["details"].IsNull());
}

TEST(ErrorBody, NamesEachCodeAsDocumented) {
  const std::pair<ErrorCode, const char*> expected[] = {
      {ErrorCode::kValidation, "VALIDATION_ERROR"},
      {ErrorCode::kUnauthorized, "AUTHENTICATION_ERROR"},
      {ErrorCode::kForbidden, "AUTHORIZATION_ERROR"},
      {ErrorCode::kNotFound, "NOT_FOUND"},
      {ErrorCode::kConflict, "CONFLICT"},
      {ErrorCode::kPayloadTooLarge, "PAYLOAD_TOO_LARGE"},
      {ErrorCode::kUriTooLong, "URI_TOO_LONG"},
      {ErrorCode::kHeadersTooLarge, "HEADERS_TOO_LARGE"},
      {ErrorCode::kRateLimited, "RATE_LIMIT"},
      {ErrorCode::kUnavailable, "SERVICE_UNAVAILABLE"},
      {ErrorCode::kInternal, "INTERNAL_ERROR"},
  };
  for (const auto& [code, name] : expected) {
    const auto doc = parse_json(error_body(code, "m", "", "r"));
    EXPECT_STREQ(doc["error"]["code"].GetString(), name);
  }
}

TEST(ErrorBody, EscapesTheMessageAndRequestId) {
  const auto doc =
      parse_json(error_body(ErrorCode::kValidation, "bad \"body\"\n\\", "", "id\"with\"quotes"));
  EXPECT_STREQ(doc["error"]["message"].GetString(), "bad \"body\"\n\\");
  EXPECT_STREQ(doc["error"]["request_id"].GetString(), "id\"with\"quotes");
}

TEST(ImasErrorBody, GroupsEachFieldsMessagesInTheirFirstOrder) {
  const auto doc = parse_json(imas_error_body(
      "Validation failed", R"([{"field":"title","message":"a"},{"field":"service","message":"b"},)"
                           R"({"field":"title","message":"c"}])"));
  EXPECT_STREQ(doc["error"].GetString(), "Validation failed");
  ASSERT_TRUE(doc["details"].IsObject());
  EXPECT_EQ(doc["details"].MemberCount(), 2u);
  EXPECT_STREQ(doc["details"].MemberBegin()->name.GetString(), "title");
  ASSERT_EQ(doc["details"]["title"].Size(), 2u);
  EXPECT_STREQ(doc["details"]["title"][1].GetString(), "c");
  EXPECT_STREQ(doc["details"]["service"][0].GetString(), "b");
}

TEST(ImasErrorBody, HasNoDetailsWithoutFieldsAndRetryAfterOnlyWhenSet) {
  const auto plain = parse_json(imas_error_body("Incident not found.", ""));
  EXPECT_FALSE(plain.HasMember("details"));
  EXPECT_FALSE(plain.HasMember("retry_after"));
  const auto limited = parse_json(imas_error_body("Rate limit exceeded", "", 3600));
  EXPECT_EQ(limited["retry_after"].GetInt(), 3600);
}

TEST(AppError, KeepsThePublicMessageApartFromTheInternalOne) {
  const AppError error(ErrorCode::kUnavailable, "try later", "", "broker at 10.0.0.5 refused");
  EXPECT_EQ(error.public_message(), "try later");
  EXPECT_STREQ(error.what(), "broker at 10.0.0.5 refused");
  const AppError plain(ErrorCode::kConflict, "already final");
  EXPECT_STREQ(plain.what(), "already final");
}

}  // namespace
}  // namespace switchyard::api
