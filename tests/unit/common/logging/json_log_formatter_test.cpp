// LOG_FORMAT=json lines (common/logging/json_log_formatter.hpp): one valid JSON
// object per line whatever the message holds, with the thread's task and trace.
#include "logging/json_log_formatter.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <spdlog/details/log_msg.h>

#include <chrono>
#include <regex>
#include <string>

#include "logging/log_context.hpp"

namespace switchyard::logging {
namespace {

constexpr const char* kTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
constexpr const char* kTaskId = "01890a5d-ac96-774b-bcce-b302099a8057";

std::string line_of(std::string_view message,
                    spdlog::level::level_enum level = spdlog::level::info) {
  spdlog::details::log_msg msg("worker", level,
                               spdlog::string_view_t(message.data(), message.size()));
  // 2026-12-05T11:20:03.512Z
  msg.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796469603512));
  spdlog::memory_buf_t out;
  JsonLogFormatter("worker").format(msg, out);
  return {out.data(), out.size()};
}

rapidjson::Document parsed(const std::string& line) {
  rapidjson::Document doc;
  doc.Parse(line.data(), line.size());
  EXPECT_FALSE(doc.HasParseError()) << line;
  EXPECT_TRUE(doc.IsObject()) << line;
  return doc;
}

TEST(JsonLogFormatter, WritesTheFieldsOnOneLine) {
  const std::string line = line_of("worker started", spdlog::level::warn);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const auto doc = parsed(line);
  EXPECT_STREQ(doc["ts"].GetString(), "2026-12-05T11:20:03.512Z");
  EXPECT_STREQ(doc["level"].GetString(), "warn");
  EXPECT_STREQ(doc["process"].GetString(), "worker");
  EXPECT_STREQ(doc["msg"].GetString(), "worker started");
  EXPECT_FALSE(doc.HasMember("task_id")) << line;
  EXPECT_FALSE(doc.HasMember("trace_id")) << line;
}

TEST(JsonLogFormatter, CarriesTheTaskAndTraceOfTheScope) {
  {
    const LogScope scope(kTaskId, *trace::TraceContext::parse(kTraceparent));
    const auto doc = parsed(line_of("done"));
    EXPECT_STREQ(doc["task_id"].GetString(), kTaskId);
    EXPECT_STREQ(doc["trace_id"].GetString(), "4bf92f3577b34da6a3ce929d0e0e4736");
  }
  const auto after = parsed(line_of("after the scope"));
  EXPECT_FALSE(after.HasMember("task_id"));
  EXPECT_FALSE(after.HasMember("trace_id"));
}

TEST(JsonLogFormatter, NestedScopesRestoreTheOuterOne) {
  const LogScope outer({}, *trace::TraceContext::parse(kTraceparent));
  {
    const LogScope inner(kTaskId, trace::TraceContext());
    const auto doc = parsed(line_of("inner"));
    EXPECT_STREQ(doc["task_id"].GetString(), kTaskId);
    EXPECT_FALSE(doc.HasMember("trace_id"));
  }
  const auto doc = parsed(line_of("outer"));
  EXPECT_FALSE(doc.HasMember("task_id"));
  EXPECT_STREQ(doc["trace_id"].GetString(), "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST(JsonLogFormatter, EscapesWhatWouldBreakTheLine) {
  const std::string message("say \"hi\"\\ then\nnew line\r\ttab\0nul\x01\x1f\x7f end", 42);
  const std::string line = line_of(message);
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_EQ(line.find('\0'), std::string::npos);
  const auto doc = parsed(line);
  EXPECT_EQ(std::string(doc["msg"].GetString(), doc["msg"].GetStringLength()), message);
}

TEST(JsonLogFormatter, KeepsValidUtf8AndReplacesInvalidBytes) {
  const auto good = parsed(line_of("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80"));
  EXPECT_STREQ(good["msg"].GetString(), "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80");
  // A lone continuation byte, a truncated sequence, an overlong '/', a surrogate.
  const std::string line = line_of("a\x80 b\xe2\x82 c\xc0\xaf d\xed\xa0\x80");
  const auto bad = parsed(line);
  EXPECT_EQ(line.find('\x80'), std::string::npos) << line;
  EXPECT_STREQ(bad["msg"].GetString(),
               "a\xef\xbf\xbd b\xef\xbf\xbd\xef\xbf\xbd c\xef\xbf\xbd\xef\xbf\xbd "
               "d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(JsonLogFormatter, ATenThousandCharacterMessageStaysOneLine) {
  const std::string message(10000, '"');
  const std::string line = line_of(message);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  EXPECT_EQ(parsed(line)["msg"].GetStringLength(), 10000u);
}

}  // namespace
}  // namespace switchyard::logging
