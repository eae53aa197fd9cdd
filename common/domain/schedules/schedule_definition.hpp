#pragma once
// ScheduleDefinition: what a client defines of a scheduled task (xcore POST and
// PUT /system/tasks), read from its JSON once and checked whole, so the API
// answers 422 naming the field and the worker, which reads the same definition
// again from the task, stores only what passed:
//   id              1-64 of [A-Za-z0-9_.-]
//   name            a string of at most 200 characters (default: the id)
//   type            scheduled | interval | once
//   schedule        scheduled: a 5-field cron expression (cron_expression.hpp)
//   timezone        scheduled: an IANA zone, default UTC
//   interval        interval: {"seconds"|"minutes"|"hours"|"days": n}, summed,
//                   1 s to 366 days
//   run_at          once: an RFC 3339 time
//   service, action the task it publishes (the API checks them against
//   payload         services.yaml); payload a JSON object, default {}
//   enabled         default true
//   misfire_policy  skip | once (default) | all
// A field of another type than `type` is refused; null is the same as absent;
// other keys (the read-only fields of a listed item) are ignored.
#include <rapidjson/document.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "domain/schedules/schedule_timing.hpp"

namespace switchyard::domain::schedules {

// A field that does not pass; what() is the message for that field.
class FieldError : public std::invalid_argument {
 public:
  FieldError(std::string field, const std::string& message)
      : std::invalid_argument(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

struct ScheduleDefinition {
  std::string id;
  std::string name;
  ScheduleType type = ScheduleType::kInterval;
  std::string schedule;
  std::string timezone;
  std::int64_t interval_seconds = 0;
  Seconds run_at{};
  std::string service;
  std::string action;
  std::string payload_json = "{}";
  bool enabled = true;
  MisfirePolicy misfire_policy = MisfirePolicy::kOnce;

  // The timing this definition fires by (its fields have been checked).
  ScheduleTiming timing() const;
  // The definition as JSON in the shape parse() reads (the worker's payload).
  std::string to_json() const;
};

// Throws FieldError.
ScheduleDefinition parse_schedule_definition(const rapidjson::Value& body);

// The timing of stored columns (the listener's due schedules); throws FieldError
// when a column no longer parses (a time zone gone from tzdata).
ScheduleTiming timing_of(ScheduleType type, const std::string& schedule,
                         const std::string& timezone, std::int64_t interval_seconds,
                         Seconds run_at);

// "2024-01-15T10:30:00Z", "2024-01-15T10:30:00.5+02:00"; nullopt for any other shape.
std::optional<Seconds> parse_rfc3339(std::string_view text);
std::string format_rfc3339(Seconds time);

}  // namespace switchyard::domain::schedules
