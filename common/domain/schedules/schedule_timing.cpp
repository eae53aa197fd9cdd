#include "domain/schedules/schedule_timing.hpp"

#include <array>
#include <deque>

namespace switchyard::domain::schedules {
namespace {

using namespace std::chrono;

}  // namespace

std::string_view to_string(ScheduleType type) {
  switch (type) {
    case ScheduleType::kScheduled:
      return "scheduled";
    case ScheduleType::kInterval:
      return "interval";
    case ScheduleType::kOnce:
      return "once";
  }
  return "interval";
}

std::optional<ScheduleType> schedule_type_from(std::string_view text) {
  if (text == "scheduled") return ScheduleType::kScheduled;
  if (text == "interval") return ScheduleType::kInterval;
  if (text == "once") return ScheduleType::kOnce;
  return std::nullopt;
}

std::string_view to_string(MisfirePolicy policy) {
  switch (policy) {
    case MisfirePolicy::kSkip:
      return "skip";
    case MisfirePolicy::kOnce:
      return "once";
    case MisfirePolicy::kAll:
      return "all";
  }
  return "once";
}

std::optional<MisfirePolicy> misfire_policy_from(std::string_view text) {
  if (text == "skip") return MisfirePolicy::kSkip;
  if (text == "once") return MisfirePolicy::kOnce;
  if (text == "all") return MisfirePolicy::kAll;
  return std::nullopt;
}

std::optional<Seconds> ScheduleTiming::first_fire(Seconds now) const {
  switch (type) {
    case ScheduleType::kScheduled:
      return cron->next_after(now, *zone);
    case ScheduleType::kInterval:
      return now + interval;
    case ScheduleType::kOnce:
      return run_at;
  }
  return std::nullopt;
}

std::optional<Seconds> ScheduleTiming::next_after(Seconds fire) const {
  switch (type) {
    case ScheduleType::kScheduled:
      return cron->next_after(fire, *zone);
    case ScheduleType::kInterval:
      return fire + interval;
    case ScheduleType::kOnce:
      return std::nullopt;
  }
  return std::nullopt;
}

FirePlan plan_fires(const ScheduleTiming& timing, Seconds next_run, Seconds now,
                    MisfirePolicy policy, seconds grace, std::size_t cap) {
  FirePlan plan;
  std::vector<Seconds> on_time;
  std::deque<Seconds> missed;  // the latest `cap` missed fires
  std::optional<Seconds> fire = next_run;
  if (timing.type == ScheduleType::kInterval && now - next_run > timing.interval * kScanLimit) {
    // Jump straight to the period that holds now - 1 day: the same rescan as
    // below, without walking the periods in between.
    const auto periods = (now - hours(24) - next_run) / timing.interval;
    plan.missed += static_cast<std::size_t>(periods);
    fire = next_run + timing.interval * periods;
  }
  // Windows to rescan from when a scan passes kScanLimit fires (a one-second
  // interval down for a day holds 86 400 of them).
  constexpr std::array<seconds, 3> kRescanFrom{hours(24), hours(1), minutes(2)};
  std::size_t scanned = 0;
  std::size_t rescans = 0;
  while (fire && *fire <= now) {
    if (++scanned > kScanLimit && rescans < kRescanFrom.size()) {
      fire = timing.next_after(now - kRescanFrom[rescans++]);
      scanned = 0;
      missed.clear();
      continue;
    }
    if (now - *fire <= grace) {
      on_time.push_back(*fire);
    } else {
      ++plan.missed;
      missed.push_back(*fire);
      if (missed.size() > cap) missed.pop_front();
    }
    fire = timing.next_after(*fire);
  }
  plan.next_run = fire;
  switch (policy) {
    case MisfirePolicy::kSkip:
      break;
    case MisfirePolicy::kOnce:
      if (on_time.empty() && !missed.empty()) plan.fires.push_back(missed.back());
      break;
    case MisfirePolicy::kAll:
      plan.fires.assign(missed.begin(), missed.end());
      break;
  }
  plan.fires.insert(plan.fires.end(), on_time.begin(), on_time.end());
  return plan;
}

}  // namespace switchyard::domain::schedules
