// ScheduleDefinition: the JSON of POST and PUT /system/tasks read once, each bad
// field named, and written back in the shape it reads (the worker's payload).
#include "domain/schedules/schedule_definition.hpp"

#include <gtest/gtest.h>

namespace switchyard::domain::schedules {
namespace {

ScheduleDefinition parse(const std::string& json) {
  rapidjson::Document body;
  body.Parse(json.c_str());
  return parse_schedule_definition(body);
}

std::string refused_field(const std::string& json) {
  try {
    parse(json);
  } catch (const FieldError& e) {
    return e.field();
  }
  return "";
}

TEST(ScheduleDefinition, ReadsEachTypeAndWritesItBackInTheSameShape) {
  const auto interval = parse(
      R"({"id":"a","type":"interval","interval":{"hours":1,"minutes":30},"service":"s","action":"x"})");
  EXPECT_EQ(interval.interval_seconds, 5400);
  EXPECT_EQ(interval.name, "a");
  EXPECT_EQ(interval.misfire_policy, MisfirePolicy::kOnce);
  EXPECT_TRUE(interval.enabled);
  EXPECT_EQ(interval.payload_json, "{}");
  EXPECT_EQ(parse(interval.to_json()).to_json(), interval.to_json());

  const auto cron = parse(
      R"({"id":"b","name":"B","type":"scheduled","schedule":"@daily","timezone":"Europe/Paris",)"
      R"("service":"s","action":"x","payload":{"k":[1,2]},"enabled":false,"misfire_policy":"all",)"
      R"("status":"paused","success_count":3,"interval":null})");
  EXPECT_EQ(cron.timezone, "Europe/Paris");
  EXPECT_FALSE(cron.enabled);
  EXPECT_EQ(cron.payload_json, R"({"k":[1,2]})");
  EXPECT_EQ(parse(cron.to_json()).to_json(), cron.to_json());

  const auto once = parse(
      R"({"id":"c","type":"once","run_at":"2030-06-01T12:00:00.250-04:30","service":"s","action":"x"})");
  EXPECT_EQ(format_rfc3339(once.run_at), "2030-06-01T16:30:00Z");
  EXPECT_EQ(once.timing().first_fire(Seconds{}), once.run_at);
  EXPECT_FALSE(once.timing().next_after(once.run_at).has_value());
}

TEST(ScheduleDefinition, NamesTheFieldThatDoesNotPass) {
  const std::string task = R"(,"service":"s","action":"x"})";
  EXPECT_EQ(refused_field(R"({"type":"interval","interval":{"seconds":5})" + task), "id");
  EXPECT_EQ(refused_field(R"({"id":"a/b","type":"interval","interval":{"seconds":5})" + task),
            "id");
  EXPECT_EQ(refused_field(R"({"id":"a","interval":{"seconds":5})" + task), "type");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"interval","interval":{})" + task), "interval");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"interval","interval":{"days":367})" + task),
            "interval");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"interval","interval":{"seconds":1.5})" + task),
            "interval");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"once","run_at":"2030-06-01T12:00:00")" + task),
            "run_at");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"once","run_at":"2030-13-01T12:00:00Z")" + task),
            "run_at");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"once","run_at":"2030-06-01T12:00:00Z",)"
                          R"("timezone":"UTC")" +
                          task),
            "timezone");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"scheduled","schedule":"* * * * * *")" + task),
            "schedule");
  EXPECT_EQ(
      refused_field(R"({"id":"a","type":"scheduled","schedule":"* * * * *","timezone":"X")" + task),
      "timezone");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"interval","interval":{"seconds":5},"action":"x"})"),
            "service");
  EXPECT_EQ(refused_field(R"({"id":"a","type":"interval","interval":{"seconds":5},"service":"s"})"),
            "action");
  EXPECT_EQ(refused_field("[1]"), "body");
}

TEST(Rfc3339, ReadsOffsetsAndFractionsAndRefusesOtherShapes) {
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2024-01-15T10:30:00Z")), "2024-01-15T10:30:00Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2024-01-15T10:30:00.123456+01:00")),
            "2024-01-15T09:30:00Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2024-02-29 00:00:00-00:30")), "2024-02-29T00:30:00Z");
  for (const char* bad :
       {"", "2024-01-15", "2024-01-15T10:30Z", "2024-02-30T10:30:00Z", "2024-01-15T24:00:00Z",
        "2024-01-15T10:30:00+1:00", "2024-01-15T10:30:00.Z", "2024-01-15T10:30:00Zjunk"}) {
    EXPECT_FALSE(parse_rfc3339(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace switchyard::domain::schedules
