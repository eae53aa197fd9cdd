// check_header_fields (api/http/header_limits.hpp): 431 past the total size or
// count of header fields, 400 for a field that is not text, nothing for an
// ordinary request.
#include "http/header_limits.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "errors/app_error.hpp"
#include "http/error_body.hpp"

namespace switchyard::api {
namespace {

namespace Header = Pistache::Http::Header;

Pistache::Http::Request request_with(
    std::initializer_list<std::pair<std::string, std::string>> fields) {
  Pistache::Http::Request request;
  for (const auto& [name, value] : fields) request.headers().addRaw(Header::Raw(name, value));
  return request;
}

ErrorCode code_of(const Pistache::Http::Request& request, const HeaderLimits& limits = {}) {
  try {
    check_header_fields(request, limits);
  } catch (const AppError& e) {
    return e.code();
  }
  return ErrorCode::kInternal;  // accepted
}

TEST(HeaderLimits, AcceptsAnOrdinaryRequest) {
  const auto request = request_with({{"Host", "api.example.com"},
                                     {"Authorization", "Bearer dev-admin-key"},
                                     {"Content-Type", "application/json"},
                                     {"User-Agent", "curl/7.88.1\tx"},
                                     {"X-Name", "caf\xC3\xA9"},
                                     {"Empty", ""}});
  EXPECT_NO_THROW(check_header_fields(request, {}));
}

TEST(HeaderLimits, AnswersTooLargePastTheTotalSize) {
  EXPECT_EQ(code_of(request_with({{"X-Big", std::string(64 << 10, 'a')}})),
            ErrorCode::kHeadersTooLarge);
  // name + ": " + value + CRLF, summed over the fields
  EXPECT_EQ(code_of(request_with({{"X-A", std::string(93, 'a')}}), {100, 100}),
            ErrorCode::kInternal);
  EXPECT_EQ(code_of(request_with({{"X-A", std::string(94, 'a')}}), {100, 100}),
            ErrorCode::kHeadersTooLarge);
  EXPECT_EQ(http_status(ErrorCode::kHeadersTooLarge),
            Pistache::Http::Code::Request_Header_Fields_Too_Large);
}

TEST(HeaderLimits, AnswersTooLargePastTheCount) {
  Pistache::Http::Request request;
  for (int i = 0; i < 101; ++i) {
    request.headers().addRaw(Header::Raw("X-H-" + std::to_string(i), "v"));
  }
  EXPECT_EQ(code_of(request), ErrorCode::kHeadersTooLarge);
  EXPECT_EQ(code_of(request, {16 << 10, 101}), ErrorCode::kInternal);
}

TEST(HeaderLimits, RefusesValuesThatAreNotText) {
  for (const std::string& value :
       std::vector<std::string>{std::string("a\0b", 3), std::string("a\x01"), std::string("\x7F"),
                                std::string("\xFF"), std::string("\xC0\x80")}) {
    EXPECT_EQ(code_of(request_with({{"Idempotency-Key", value}})), ErrorCode::kValidation);
  }
}

TEST(HeaderLimits, RefusesNamesThatAreNotTokens) {
  EXPECT_EQ(code_of(request_with({{"X Name", "v"}})), ErrorCode::kValidation);
  EXPECT_EQ(code_of(request_with({{"X-Name ", "v"}})), ErrorCode::kValidation);
  EXPECT_EQ(code_of(request_with({{std::string("X\0N", 3), "v"}})), ErrorCode::kValidation);
}

TEST(HeaderLimits, SizeWinsOverABadValue) {
  EXPECT_EQ(code_of(request_with({{"X-Big", std::string(64 << 10, 'a')}, {"X-Bad", "\x01"}})),
            ErrorCode::kHeadersTooLarge);
}

}  // namespace
}  // namespace switchyard::api
