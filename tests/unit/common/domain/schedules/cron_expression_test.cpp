// CronExpression: the five-field syntax (ranges, steps, lists, names, macros,
// Vixie's day rule) and next_after() across the daylight-saving days of
// Europe/Paris and America/New_York (docs/scheduling.md).
#include "domain/schedules/cron_expression.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

namespace switchyard::domain::schedules {
namespace {

Seconds utc(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  EXPECT_EQ(std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s), 6) << text;
  return date::sys_days(date::year(y) / mo / d) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s);
}

std::string text(Seconds t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

// The next `count` fires after `from` in `zone`, as UTC text.
std::vector<std::string> fires(const std::string& cron, const std::string& from, int count,
                               const std::string& zone = "UTC") {
  const auto expression = CronExpression::parse(cron);
  const auto* tz = find_time_zone(zone);
  EXPECT_NE(tz, nullptr) << zone;
  std::vector<std::string> out;
  Seconds at = utc(from);
  for (int i = 0; i < count; ++i) {
    const auto next = expression.next_after(at, *tz);
    if (!next) break;
    out.push_back(text(*next));
    at = *next;
  }
  return out;
}

using Fires = std::vector<std::string>;

struct Case {
  const char* cron;
  const char* from;
  Fires expected;
};

TEST(CronExpression, FiresAtTheTimesEachSyntaxNames) {
  const std::vector<Case> cases = {
      {"* * * * *", "2024-01-15T10:30:20Z", {"2024-01-15T10:31:00Z", "2024-01-15T10:32:00Z"}},
      {"0 0 * * *", "2024-01-15T10:30:00Z", {"2024-01-16T00:00:00Z", "2024-01-17T00:00:00Z"}},
      {"*/15 * * * *", "2024-01-15T10:31:00Z", {"2024-01-15T10:45:00Z", "2024-01-15T11:00:00Z"}},
      {"5-10/5 8 * * *",
       "2024-01-15T00:00:00Z",
       {"2024-01-15T08:05:00Z", "2024-01-15T08:10:00Z", "2024-01-16T08:05:00Z"}},
      {"50/5 8 * * *",
       "2024-01-15T00:00:00Z",
       {"2024-01-15T08:50:00Z", "2024-01-15T08:55:00Z", "2024-01-16T08:50:00Z"}},
      {"0 9,17 * * *", "2024-01-15T10:00:00Z", {"2024-01-15T17:00:00Z", "2024-01-16T09:00:00Z"}},
      {"0 0 1,15-16 * *",
       "2024-01-14T00:00:00Z",
       {"2024-01-15T00:00:00Z", "2024-01-16T00:00:00Z", "2024-02-01T00:00:00Z"}},
      {"0 12 * * mon-fri",
       "2024-01-19T13:00:00Z",
       {"2024-01-22T12:00:00Z", "2024-01-23T12:00:00Z"}},
      {"0 12 * * SUN", "2024-01-15T00:00:00Z", {"2024-01-21T12:00:00Z"}},
      {"0 12 * * 7", "2024-01-15T00:00:00Z", {"2024-01-21T12:00:00Z"}},
      {"0 0 1 jan,Jul *", "2024-02-01T00:00:00Z", {"2024-07-01T00:00:00Z", "2025-01-01T00:00:00Z"}},
      {"0 0 29 2 *", "2024-03-01T00:00:00Z", {"2028-02-29T00:00:00Z"}},
      {"0 0 31 * *", "2024-04-01T00:00:00Z", {"2024-05-31T00:00:00Z", "2024-07-31T00:00:00Z"}},
      // Vixie: both day fields restricted → either matches (the 13th, or a Friday).
      {"0 0 13 * 5",
       "2024-09-01T00:00:00Z",
       {"2024-09-06T00:00:00Z", "2024-09-13T00:00:00Z", "2024-09-20T00:00:00Z"}},
      // A day-of-month starting with '*' counts as unrestricted: Fridays only.
      {"0 0 */1 * 5", "2024-09-01T00:00:00Z", {"2024-09-06T00:00:00Z", "2024-09-13T00:00:00Z"}},
      {"@hourly", "2024-01-15T10:30:00Z", {"2024-01-15T11:00:00Z"}},
      {"@daily", "2024-01-15T10:30:00Z", {"2024-01-16T00:00:00Z"}},
      {"@weekly", "2024-01-15T10:30:00Z", {"2024-01-21T00:00:00Z"}},
      {"@monthly", "2024-01-15T10:30:00Z", {"2024-02-01T00:00:00Z"}},
      {"@yearly", "2024-01-15T10:30:00Z", {"2025-01-01T00:00:00Z"}},
      {"0 0 30 2 *", "2024-01-15T10:30:00Z", {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(
        fires(c.cron, c.from, static_cast<int>(c.expected.size()) + (c.expected.empty() ? 1 : 0)),
        c.expected)
        << c.cron;
  }
}

TEST(CronExpression, RefusesMalformedExpressionsNamingTheField) {
  const std::vector<std::pair<const char*, const char*>> bad = {
      {"", "expected 5 fields"},
      {"* * * *", "expected 5 fields"},
      {"* * * * * *", "expected 5 fields"},
      {"60 * * * *", "minute"},
      {"* 24 * * *", "hour"},
      {"* * 0 * *", "day of month"},
      {"* * 32 * *", "day of month"},
      {"* * * 13 *", "month"},
      {"* * * * 8", "day of week"},
      {"*/0 * * * *", "step"},
      {"5-1 * * * *", "upwards"},
      {"1,,2 * * * *", "empty"},
      {"a * * * *", "minute"},
      {"* * * foo *", "month"},
      {"* * * * funday", "day of week"},
      {"-1 * * * *", "minute"},
      {"999999999999 * * * *", "minute"},
      {"@every 5m", "unknown macro"},
  };
  for (const auto& [cron, why] : bad) {
    try {
      CronExpression::parse(cron);
      ADD_FAILURE() << "accepted '" << cron << "'";
    } catch (const CronError& e) {
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << cron << ": " << e.what();
    }
  }
  EXPECT_THROW(CronExpression::parse(std::string(10'000, '*')), CronError);
}

TEST(CronExpression, ReadsTheFieldsAsWallClockTimeInTheZone) {
  // 09:00 in Paris is 08:00 UTC in winter, 07:00 UTC in summer.
  EXPECT_EQ(fires("0 9 * * *", "2024-01-15T00:00:00Z", 1, "Europe/Paris"),
            Fires{"2024-01-15T08:00:00Z"});
  EXPECT_EQ(fires("0 9 * * *", "2024-07-15T00:00:00Z", 1, "Europe/Paris"),
            Fires{"2024-07-15T07:00:00Z"});
  EXPECT_EQ(fires("0 9 * * *", "2024-01-15T00:00:00Z", 1, "America/New_York"),
            Fires{"2024-01-15T14:00:00Z"});
}

TEST(CronExpression, AJobInTheSkippedHourRunsOnceAtTheEndOfTheGap) {
  // Paris, 2024-03-31: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
  EXPECT_EQ(fires("30 2 * * *", "2024-03-30T12:00:00Z", 3, "Europe/Paris"),
            (Fires{"2024-03-31T01:00:00Z", "2024-04-01T00:30:00Z", "2024-04-02T00:30:00Z"}));
  // Four times in the gap fire once, then 03:00 CEST is the same instant: passed.
  EXPECT_EQ(fires("*/15 2,3 * * *", "2024-03-31T00:50:00Z", 3, "Europe/Paris"),
            (Fires{"2024-03-31T01:00:00Z", "2024-03-31T01:15:00Z", "2024-03-31T01:30:00Z"}));
  // New York, 2024-03-10: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
  EXPECT_EQ(fires("30 2 * * *", "2024-03-09T12:00:00Z", 2, "America/New_York"),
            (Fires{"2024-03-10T07:00:00Z", "2024-03-11T06:30:00Z"}));
}

TEST(CronExpression, AJobInTheRepeatedHourRunsOnceAtItsFirstOccurrence) {
  // Paris, 2024-10-27: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice
  // (00:30 UTC and 01:30 UTC).
  EXPECT_EQ(fires("30 2 * * *", "2024-10-26T12:00:00Z", 2, "Europe/Paris"),
            (Fires{"2024-10-27T00:30:00Z", "2024-10-28T01:30:00Z"}));
  // New York, 2024-11-03: 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST).
  EXPECT_EQ(fires("30 1 * * *", "2024-11-02T12:00:00Z", 2, "America/New_York"),
            (Fires{"2024-11-03T05:30:00Z", "2024-11-04T06:30:00Z"}));
  // Asked from inside the second pass, the repeated time is not fired again.
  EXPECT_EQ(fires("30 1 * * *", "2024-11-03T06:10:00Z", 1, "America/New_York"),
            (Fires{"2024-11-04T06:30:00Z"}));
  // Hourly: 01:00 EDT, then the next wall-clock hour 02:00 EST.
  EXPECT_EQ(fires("0 * * * *", "2024-11-03T04:30:00Z", 3, "America/New_York"),
            (Fires{"2024-11-03T05:00:00Z", "2024-11-03T07:00:00Z", "2024-11-03T08:00:00Z"}));
}

TEST(CronExpression, FindsOnlyRealTimeZones) {
  EXPECT_NE(find_time_zone("UTC"), nullptr);
  EXPECT_NE(find_time_zone("Europe/Paris"), nullptr);
  EXPECT_EQ(find_time_zone("Mars/Olympus"), nullptr);
  EXPECT_EQ(find_time_zone("../../etc/passwd"), nullptr);
  EXPECT_EQ(find_time_zone(std::string("UTC\0x", 5)), nullptr);
  EXPECT_EQ(find_time_zone(std::string(10'000, 'A')), nullptr);
  EXPECT_EQ(find_time_zone(""), nullptr);
}

}  // namespace
}  // namespace switchyard::domain::schedules
