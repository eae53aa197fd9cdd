// When a submitted task may start: delay_ms, run_at (RFC 3339, any offset), their
// bounds and the 400s naming the field (api/tasks/task_delay.hpp).
#include "tasks/task_delay.hpp"

#include <gtest/gtest.h>

#include "amqp/delay_queues.hpp"
#include "errors/app_error.hpp"

namespace switchyard::api {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

rapidjson::Document body(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  return doc;
}

std::string refused_field(const std::string& json, system_clock::time_point now) {
  try {
    requested_start(body(json), now);
  } catch (const AppError& e) {
    return e.details_json();
  }
  return "accepted";
}

TEST(TaskDelay, ReadsRfc3339TimesWithAnyOffsetAndFraction) {
  const auto utc = parse_rfc3339("2026-01-15T10:30:00Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(parse_rfc3339("2026-01-15T11:30:00+01:00"), utc);
  EXPECT_EQ(parse_rfc3339("2026-01-15t05:00:00-05:30"), utc);
  EXPECT_EQ(*parse_rfc3339("2026-01-15T10:30:00.250Z") - *utc, milliseconds(250));
  for (const char* bad : {"2026-01-15", "2026-01-15T10:30:00", "2026-02-30T10:00:00Z",
                          "2026-13-01T00:00:00Z", "2026-01-15T10:30:00Zjunk", "tomorrow", "",
                          "2026-01-15T10:30:00.Z", "1969-12-31T23:59:59Z"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

TEST(TaskDelay, StartsAfterDelayMsOrAtRunAtAndAtOnceForZeroOrAPastTime) {
  const auto now = *parse_rfc3339("2026-01-15T10:30:00Z");
  EXPECT_EQ(requested_start(body(R"({"delay_ms":1500})"), now), now + milliseconds(1500));
  EXPECT_EQ(requested_start(body(R"({"delay_ms":0})"), now), std::nullopt);
  EXPECT_EQ(requested_start(body(R"({"run_at":"2026-01-15T11:30:00+01:00"})"), now), std::nullopt);
  EXPECT_EQ(requested_start(body(R"({"run_at":"2026-01-15T10:31:00Z"})"), now),
            now + std::chrono::minutes(1));
  EXPECT_EQ(requested_start(body(R"({})"), now), std::nullopt);
}

TEST(TaskDelay, RefusesBothFieldsAndTimesPastSevenDaysNamingTheField) {
  const auto now = *parse_rfc3339("2026-01-15T10:30:00Z");
  EXPECT_NE(refused_field(R"({"delay_ms":1,"run_at":"2026-01-15T10:31:00Z"})", now)
                .find(R"("field":"run_at")"),
            std::string::npos);
  EXPECT_NE(refused_field(R"({"run_at":"2026-01-22T10:30:01Z"})", now).find(R"("field":"run_at")"),
            std::string::npos);
  EXPECT_EQ(refused_field(R"({"run_at":"2026-01-22T10:30:00Z"})", now), "accepted");
  EXPECT_NE(refused_field(R"({"run_at":"2999-01-01T00:00:00Z"})", now).find(R"("field":"run_at")"),
            std::string::npos)
      << "past the clock's range";
  EXPECT_NE(refused_field(R"({"run_at":"soon"})", now).find(R"("field":"run_at")"),
            std::string::npos);
}

TEST(TaskDelay, HopsAreTheLongestStepNotPastWhatRemains) {
  EXPECT_EQ(amqp::delay_hop(milliseconds(2700)).label, "2s");
  EXPECT_EQ(amqp::delay_hop(milliseconds(2000)).label, "2s");
  EXPECT_EQ(amqp::delay_hop(milliseconds(1999)).label, "1s");
  EXPECT_EQ(amqp::delay_hop(milliseconds(30)).label, "100ms");
  EXPECT_EQ(amqp::delay_hop(amqp::kMaxTaskDelay).label, "1h");
}

}  // namespace
}  // namespace switchyard::api
