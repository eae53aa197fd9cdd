// parse_json_body (api/http/json_body.hpp), the one reader of JSON request
// bodies: ordinary bodies pass unchanged; every refusal is a validation AppError
// naming the field; nesting is refused before any recursive code runs.
#include "http/json_body.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "errors/app_error.hpp"
#include "http/json_schema.hpp"
#include "http/url_decoding.hpp"

namespace switchyard::api {
namespace {

using namespace std::string_literals;

const JsonLimits kDefaults{};

// The AppError `body` raises; fails the test when it is accepted.
AppError error_of(const std::string& body, const JsonLimits& limits = kDefaults) {
  try {
    parse_json_body(body, limits);
  } catch (const AppError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << body.substr(0, 200);
  return AppError(ErrorCode::kInternal, "accepted");
}

// The {"field", "message"} of the error's one detail.
std::pair<std::string, std::string> detail_of(const AppError& error) {
  rapidjson::Document details;
  details.Parse(error.details_json().c_str());
  if (details.HasParseError() || !details.IsArray() || details.Size() != 1 ||
      !details[0].IsObject() || !details[0].HasMember("field") ||
      !details[0].HasMember("message")) {
    ADD_FAILURE() << "details are not [{\"field\",\"message\"}]: " << error.details_json();
    return {};
  }
  return {details[0]["field"].GetString(), details[0]["message"].GetString()};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `levels` nested arrays around `inside`.
std::string nested_arrays(std::size_t levels, const std::string& inside = "1") {
  return std::string(levels, '[') + inside + std::string(levels, ']');
}

// `levels` nested objects {"a": … {"a": 1} … }.
std::string nested_objects(std::size_t levels) {
  std::string body;
  for (std::size_t i = 0; i < levels; ++i) body += R"({"a":)";
  body += "1";
  body += std::string(levels, '}');
  return body;
}

// ---- Accepted unchanged

TEST(JsonBody, ParsesAnOrdinaryTaskBody) {
  const auto doc = parse_json_body(
      R"({"service":"system","action":"noop","payload":{"n":[1,2.5,-3],"ok":true,"x":null}})",
      kDefaults);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["service"].GetString(), "system");
  EXPECT_EQ(doc["payload"]["n"][2].GetInt(), -3);
}

TEST(JsonBody, KeepsUnicodeEscapedQuotesAndSurrogatePairs) {
  const auto doc = parse_json_body(
      "{\"t\":\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\",\"q\":\"say \\\"hi\\\" \\\\ \\n\","
      "\"e\":\"\\ud83d\\ude00 \\u00e9 \\u20AC\",\"\xC3\xA9t\xC3\xA9\":\"\\u0001\"}",
      kDefaults);
  EXPECT_EQ(std::string(doc["t"].GetString()), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(std::string(doc["q"].GetString()), "say \"hi\" \\ \n");
  EXPECT_EQ(std::string(doc["e"].GetString()), "\xF0\x9F\x98\x80 \xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(std::string(doc["\xC3\xA9t\xC3\xA9"].GetString()), "\x01");
}

TEST(JsonBody, TakesNestingUpToTheLimit) {
  EXPECT_NO_THROW(parse_json_body(nested_arrays(64), kDefaults));
  EXPECT_NO_THROW(parse_json_body(nested_objects(64), kDefaults));
  EXPECT_NO_THROW(parse_json_body(nested_arrays(3), JsonLimits{3}));
  // Brackets inside strings are text, not nesting.
  EXPECT_NO_THROW(parse_json_body(R"({"s":")" + std::string(1000, '[') + R"("})", kDefaults));
}

TEST(JsonBody, KeepsIntegersAtTheEdgesOfSixtyFourBits) {
  const auto doc = parse_json_body(
      R"({"max":18446744073709551615,"min":-9223372036854775808,"big":9007199254740993})",
      kDefaults);
  EXPECT_EQ(doc["max"].GetUint64(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(doc["min"].GetInt64(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(doc["big"].GetInt64(), 9007199254740993);  // beyond 2^53, still exact
}

TEST(JsonBody, ReadsDecimalsAsTheNearestDouble) {
  const auto doc = parse_json_body(
      R"([0.3, 1e308, -1.7976931348623157e308, 1e-310, 4.9e-324, 0e-400, -0.0, 0.1e1, 1E+2])",
      kDefaults);
  EXPECT_EQ(doc[0].GetDouble(), 0.3);
  EXPECT_EQ(doc[1].GetDouble(), 1e308);
  EXPECT_EQ(doc[2].GetDouble(), -std::numeric_limits<double>::max());
  EXPECT_EQ(doc[3].GetDouble(), 1e-310);  // subnormal, kept
  EXPECT_GT(doc[4].GetDouble(), 0.0);
  EXPECT_EQ(doc[5].GetDouble(), 0.0);  // a zero is exact
  EXPECT_TRUE(std::signbit(doc[6].GetDouble()));
  EXPECT_EQ(doc[7].GetDouble(), 1.0);
  EXPECT_EQ(doc[8].GetDouble(), 100.0);
}

TEST(JsonBody, ConvertsEachDecimalToTheCorrectlyRoundedDouble) {
  // RapidJSON 1.1's default conversion is off by an ULP or more on these; the
  // writer would then store other digits than the caller sent.
  const auto doc = parse_json_body(
      "[388396888707e129, 95.0616472858797129264574377818571, -836192.0000442929131,"
      " -62305671798614556e-274]",
      kDefaults);
  EXPECT_EQ(doc[0].GetDouble(), 388396888707e129);
  EXPECT_EQ(doc[1].GetDouble(), 95.0616472858797129264574377818571);
  EXPECT_EQ(doc[2].GetDouble(), -836192.0000442929131);
  EXPECT_EQ(doc[3].GetDouble(), -62305671798614556e-274);
}

TEST(JsonBody, SurvivesLiteralsThatBreakRapidJsonsOwnConversion) {
  // With kParseFullPrecisionFlag RapidJSON 1.1 crashes on the first; its exponent
  // sum overflows an int on the second (CVE-2024-38517).
  const auto zero = parse_json_body("0." + std::string(195, '0') + "e-280", kDefaults);
  EXPECT_EQ(zero.GetDouble(), 0.0);
  EXPECT_TRUE(contains(detail_of(error_of("0.0000000001e-9999999999")).second, "too small"));
  EXPECT_TRUE(contains(detail_of(error_of("0.0000000001e9999999999")).second, "beyond the range"));
}

TEST(JsonBody, ParsesScalarsAndEmptyContainers) {
  EXPECT_TRUE(parse_json_body("{}", kDefaults).IsObject());
  EXPECT_TRUE(parse_json_body(" [ ] ", kDefaults).IsArray());
  EXPECT_TRUE(parse_json_body("\"x\"", kDefaults).IsString());
  EXPECT_TRUE(parse_json_body("12", kDefaults).IsInt());
}

// ---- Nesting

TEST(JsonBody, RefusesNestingPastTheLimitNamingWhere) {
  const AppError error = error_of(R"({"payload":)" + nested_objects(64) + "}");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  const auto [field, message] = detail_of(error);
  EXPECT_TRUE(field.starts_with("payload.a.a")) << field;
  EXPECT_TRUE(contains(message, "deeper than 64 levels")) << message;
  EXPECT_TRUE(contains(error.public_message(), "Validation failed: payload.a"))
      << error.public_message();
}

TEST(JsonBody, RefusesHostileDepthWithoutRecursing) {
  // 200,000 '[' overflowed the stack of RapidJSON's recursive parser.
  EXPECT_TRUE(contains(detail_of(error_of(std::string(200'000, '['))).second, "deeper than"));
  EXPECT_TRUE(contains(detail_of(error_of(nested_objects(20'000))).second, "deeper than"));
  // Unbalanced closers cannot make room for deeper nesting.
  EXPECT_TRUE(contains(detail_of(error_of("]]]]" + nested_arrays(65))).second, "deeper than"));
}

TEST(JsonBody, TheDepthLimitIsConfigurable) {
  const auto [field, message] = detail_of(error_of(R"({"a":[{"b":1}]})", JsonLimits{2}));
  EXPECT_EQ(field, "a.0");
  EXPECT_TRUE(contains(message, "deeper than 2 levels")) << message;
  EXPECT_NO_THROW(parse_json_body(nested_arrays(200), JsonLimits{200}));
}

// ---- NUL

TEST(JsonBody, RefusesTheNulEscapeInAValueNamingTheField) {
  const AppError error = error_of(R"({"payload":{"items":["a","b","x\u0000y"]}})");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  const auto [field, message] = detail_of(error);
  EXPECT_EQ(field, "payload.items.2");
  EXPECT_TRUE(contains(message, "U+0000")) << message;
}

TEST(JsonBody, RefusesTheNulEscapeInAKey) {
  const auto [field, message] = detail_of(error_of(R"({"payload":{"a\u0000b":1}})"));
  EXPECT_EQ(field, "payload");
  EXPECT_TRUE(contains(message, "has a key that contains U+0000")) << message;
}

TEST(JsonBody, RefusesARawNulByteAnywhere) {
  EXPECT_EQ(detail_of(error_of("{\"title\":\"a\0b\"}"s)).first, "title");
  EXPECT_TRUE(contains(detail_of(error_of("{\"title\":\"a\0b\"}"s)).second, "U+0000"));
  // RapidJSON alone stops at a NUL after the value and accepts the body.
  EXPECT_EQ(detail_of(error_of("{\"a\":1}\0{\"b\":2}"s)).first, "the body");
  EXPECT_EQ(error_of("\0"s).code(), ErrorCode::kValidation);
}

TEST(JsonBody, AcceptsEscapesThatOnlyLookLikeNul) {
  const auto doc = parse_json_body(R"({"a":"\\u0000","b":"\u0100","c":"\\\\u0000"})", kDefaults);
  EXPECT_EQ(std::string(doc["a"].GetString()), "\\u0000");
  EXPECT_EQ(std::string(doc["c"].GetString()), "\\\\u0000");
}

// ---- Surrogates and UTF-8

TEST(JsonBody, RefusesALoneLowSurrogate) {
  // RapidJSON 1.1 would store it as CESU-8 bytes, which PostgreSQL refuses.
  const auto [field, message] = detail_of(error_of(R"({"title":"x\udc00y"})"));
  EXPECT_EQ(field, "title");
  EXPECT_TRUE(contains(message, "unpaired UTF-16 surrogate")) << message;
}

TEST(JsonBody, RefusesLoneAndMisorderedHighSurrogates) {
  for (const std::string& body : std::vector<std::string>{
           R"({"t":"\ud800"})", R"({"t":"\ud800x"})", R"({"t":"\ud800\u0041"})",
           R"({"t":"\udc00\ud800"})", R"({"t":"\uDBFF\uDBFF"})", R"({"t":"\ud83d"})"}) {
    const auto [field, message] = detail_of(error_of(body));
    EXPECT_EQ(field, "t") << body;
    EXPECT_TRUE(contains(message, "unpaired UTF-16 surrogate")) << body << ": " << message;
  }
}

TEST(JsonBody, RefusesBytesThatAreNotUtf8) {
  for (const std::string& bad : std::vector<std::string>{
           "\xFF"s, "\xC0\x80"s, "\xED\xA0\x80"s, "\xE2\x82"s, "\xF4\x90\x80\x80"s, "\x80"s}) {
    const AppError error = error_of("{\"note\":\"a" + bad + "b\"}");
    const auto [field, message] = detail_of(error);
    EXPECT_EQ(field, "note");
    EXPECT_TRUE(contains(message, "not valid UTF-8")) << message;
  }
  EXPECT_TRUE(contains(detail_of(error_of("{\"k\xFF\":1}")).second, "not valid UTF-8"));
}

TEST(JsonBody, NamesKeysInErrorsAsPrintableUtf8) {
  // The key is not UTF-8 and the nesting too deep: the depth is found first (no
  // parse is safe), and the field names the key with '?' for its bad byte.
  const auto [field, message] =
      detail_of(error_of("{\"k\xFF\":" + nested_arrays(2) + "}", JsonLimits{2}));
  EXPECT_EQ(field, "k?.0");
  // Long keys are cut.
  const std::string key(500, 'k');
  const auto [long_field, _] = detail_of(error_of(R"({")" + key + R"(":"\u0000"})"));
  EXPECT_EQ(long_field, std::string(64, 'k') + "...");
}

// ---- Numbers

TEST(JsonBody, RefusesIntegersBeyondSixtyFourBits) {
  for (const std::string& number :
       std::vector<std::string>{"18446744073709551616", "-9223372036854775809",
                                "123456789012345678901234567890", "99999999999999999999"}) {
    const auto [field, message] = detail_of(error_of(R"({"payload":{"n":)" + number + "}}"));
    EXPECT_EQ(field, "payload.n") << number;
    EXPECT_TRUE(contains(message, "64-bit range")) << message;
  }
  // The same magnitude written as a decimal is a double, as in any JSON reader.
  EXPECT_NO_THROW(parse_json_body("[18446744073709551616.0, 1.8446744073709552e19]", kDefaults));
}

TEST(JsonBody, RefusesNumbersBeyondADouble) {
  const auto [field, message] = detail_of(error_of(R"({"x":[1, 1e400]})"));
  EXPECT_EQ(field, "x.1");
  EXPECT_TRUE(contains(message, "beyond the range of a double")) << message;
  EXPECT_TRUE(contains(detail_of(error_of("-1e309")).second, "beyond the range"));
  EXPECT_TRUE(contains(detail_of(error_of(R"({"x":1.8e308})")).second, "beyond the range"));
  EXPECT_TRUE(contains(detail_of(error_of("1" + std::string(400, '0'))).second, "64-bit range"));
  EXPECT_TRUE(
      contains(detail_of(error_of("1" + std::string(400, '0') + ".5")).second, "beyond the range"));
}

TEST(JsonBody, RefusesNonZeroNumbersThatWouldBecomeZero) {
  for (const std::string& number :
       std::vector<std::string>{"1e-400", "-2e-324", "0." + std::string(400, '0') + "1",
                                "0.0000001e-320", "1e-99999999999999999999"}) {
    const auto [field, message] = detail_of(error_of(R"({"n":)" + number + "}"));
    EXPECT_EQ(field, "n") << number;
    EXPECT_TRUE(contains(message, "too small for a double")) << number << ": " << message;
  }
}

// ---- Not JSON

TEST(JsonBody, ExplainsABodyThatIsNotJson) {
  for (const std::string& body :
       std::vector<std::string>{"", "{", R"({"a":})", "nul", "{\"a\":1,}", "[1 2]", "{} {}"}) {
    const AppError error = error_of(body);
    EXPECT_EQ(error.code(), ErrorCode::kValidation);
    EXPECT_TRUE(contains(error.public_message(), "The body is not valid JSON")) << body;
    EXPECT_FALSE(detail_of(error).first.empty());
  }
  EXPECT_EQ(detail_of(error_of(R"({"a":{"b":tru}})")).first, "a.b");
}

TEST(JsonBody, ReportsWhicheverProblemComesFirst) {
  // A syntax error before a NUL escape is what the caller must fix first.
  EXPECT_TRUE(contains(error_of(R"({"a":tru,"b":"\u0000"})").public_message(), "not valid JSON"));
  EXPECT_TRUE(contains(detail_of(error_of(R"({"b":"\u0000","a":tru})")).second, "U+0000"));
}

// ---- Through JsonSchema, which every task submission uses

TEST(JsonBody, JsonSchemaReadsWithTheGivenLimits) {
  const JsonSchema schema(R"({"type":"object"})");
  EXPECT_NO_THROW(schema.parse(nested_objects(10), kDefaults));
  try {
    schema.parse(nested_objects(10), JsonLimits{5});
    ADD_FAILURE() << "accepted";
  } catch (const AppError& e) {
    EXPECT_TRUE(contains(detail_of(e).second, "deeper than 5 levels"));
  }
  try {
    schema.parse(R"({"payload":"\u0000"})", kDefaults);
    ADD_FAILURE() << "accepted";
  } catch (const AppError& e) {
    EXPECT_EQ(detail_of(e).first, "payload");
  }
}

}  // namespace
}  // namespace switchyard::api
