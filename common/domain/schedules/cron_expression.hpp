#pragma once
// CronExpression: a five-field cron schedule (minute hour day-of-month month
// day-of-week) as Vixie cron reads it: `*`, numbers, ranges `a-b`, steps `*/n`,
// `a-b/n` and `a/n` (a to the field's end), lists `a,b-c`, month and weekday
// names (`jan`, `mon`; any case), weekday 7 = Sunday, and the macros @yearly
// (@annually), @monthly, @weekly, @daily (@midnight), @hourly. When both
// day-of-month and day-of-week are restricted (neither starts with `*`), a day
// matches if either does (Vixie's rule).
//
// next_after() reads the fields as wall-clock time in an IANA time zone, with this
// daylight-saving contract (docs/scheduling.md):
//   - a wall-clock time in a skipped hour (spring forward) fires once, at the first
//     valid instant after the gap (the transition); several such times fire once;
//   - a wall-clock time in a repeated hour (fall back) fires once, at its first
//     occurrence; the second pass of that hour fires nothing.
#include <date/tz.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace switchyard::domain::schedules {

using Seconds = std::chrono::sys_seconds;

// A malformed expression; what() names the field and the fault.
class CronError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class CronExpression {
 public:
  // Throws CronError.
  static CronExpression parse(std::string_view text);

  // The first fire strictly after `after` in `zone`; nullopt when none comes
  // within the next five years (e.g. `0 0 30 2 *`).
  std::optional<Seconds> next_after(Seconds after, const date::time_zone& zone) const;

  // Whether local day `day` matches the day-of-month / day-of-week / month fields.
  bool matches_day(date::local_days day) const;

 private:
  std::uint64_t minutes_ = 0;  // bit n: value n allowed
  std::uint64_t hours_ = 0;
  std::uint64_t days_ = 0;      // 1..31
  std::uint64_t months_ = 0;    // 1..12
  std::uint64_t weekdays_ = 0;  // 0..6, Sunday 0
  bool days_restricted_ = false;
  bool weekdays_restricted_ = false;
};

// The zone named `name` (IANA, e.g. "Europe/Paris", "UTC"); nullptr if unknown.
const date::time_zone* find_time_zone(std::string_view name);

}  // namespace switchyard::domain::schedules
