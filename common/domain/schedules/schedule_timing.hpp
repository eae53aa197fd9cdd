#pragma once
// ScheduleTiming: when one schedule fires — a cron expression in a time zone
// (`scheduled`), a fixed period (`interval`) or one instant (`once`) — and
// plan_fires(), what the leader publishes for a schedule that is due, by its
// misfire policy (docs/scheduling.md):
//   - a fire at most `grace` late is on time and always fires (each of them);
//   - older fires were missed (the listeners were down, the schedule's leader
//     stalled): `skip` fires none of them, `once` (the default) fires the latest
//     of them unless an on-time fire covers it, `all` fires each, the latest
//     `cap` of them at most.
// Pure: no clock, no I/O; times are whole seconds.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/schedules/cron_expression.hpp"

namespace switchyard::domain::schedules {

enum class ScheduleType { kScheduled, kInterval, kOnce };
enum class MisfirePolicy { kSkip, kOnce, kAll };

std::string_view to_string(ScheduleType type);
std::optional<ScheduleType> schedule_type_from(std::string_view text);
std::string_view to_string(MisfirePolicy policy);
std::optional<MisfirePolicy> misfire_policy_from(std::string_view text);

struct ScheduleTiming {
  ScheduleType type = ScheduleType::kInterval;
  std::optional<CronExpression> cron;     // kScheduled
  const date::time_zone* zone = nullptr;  // kScheduled
  std::chrono::seconds interval{0};       // kInterval, > 0
  Seconds run_at{};                       // kOnce

  // The first fire of a schedule created (or resumed) at `now`.
  std::optional<Seconds> first_fire(Seconds now) const;
  // The fire after the one at `fire`; nullopt when there is none (a `once`).
  std::optional<Seconds> next_after(Seconds fire) const;
};

struct FirePlan {
  std::vector<Seconds> fires;       // to publish, oldest first
  std::optional<Seconds> next_run;  // the first fire after now; none: finished
  std::size_t missed = 0;           // fires older than grace, fired or not
};

// Scans at most kScanLimit fires from `next_run`; past that, it rescans from
// `now` minus a day, then an hour, then two minutes (a schedule that fires every
// second, down for weeks), firing only from the last scan.
inline constexpr std::size_t kScanLimit = 10'000;
inline constexpr std::size_t kDefaultCatchUpCap = 100;

FirePlan plan_fires(const ScheduleTiming& timing, Seconds next_run, Seconds now,
                    MisfirePolicy policy, std::chrono::seconds grace,
                    std::size_t cap = kDefaultCatchUpCap);

}  // namespace switchyard::domain::schedules
