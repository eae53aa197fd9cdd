// plan_fires: what the leader publishes for a due schedule — the on-time fire, and
// the fires missed while no listener ran, by misfire policy (skip, once, all up to
// a cap) — and where the schedule goes next.
#include "domain/schedules/schedule_timing.hpp"

#include <gtest/gtest.h>

namespace switchyard::domain::schedules {
namespace {

using namespace std::chrono;

const Seconds kStart{seconds(1'700'000'000)};

ScheduleTiming every(seconds period) {
  ScheduleTiming timing;
  timing.type = ScheduleType::kInterval;
  timing.interval = period;
  return timing;
}

TEST(PlanFires, FiresTheOnTimeFireAndMovesToTheNextPeriod) {
  const auto plan =
      plan_fires(every(seconds(60)), kStart, kStart + seconds(1), MisfirePolicy::kSkip, seconds(5));
  EXPECT_EQ(plan.fires, std::vector<Seconds>{kStart});
  EXPECT_EQ(plan.next_run, kStart + seconds(60));
  EXPECT_EQ(plan.missed, 0U);
}

TEST(PlanFires, FiresEveryFireWithinGraceAfterAShortStall) {
  // A one-second interval and a leader that took three seconds over: no fire lost.
  const auto plan =
      plan_fires(every(seconds(1)), kStart, kStart + seconds(3), MisfirePolicy::kSkip, seconds(5));
  EXPECT_EQ(plan.fires, (std::vector<Seconds>{kStart, kStart + seconds(1), kStart + seconds(2),
                                              kStart + seconds(3)}));
  EXPECT_EQ(plan.next_run, kStart + seconds(4));
}

TEST(PlanFires, AfterDowntimeSkipFiresNothingMissed) {
  // Down for ten minutes: fires at +0 .. +540 missed, +600 is on time.
  const auto plan = plan_fires(every(seconds(60)), kStart, kStart + seconds(602),
                               MisfirePolicy::kSkip, seconds(5));
  EXPECT_EQ(plan.fires, std::vector<Seconds>{kStart + seconds(600)});
  EXPECT_EQ(plan.missed, 10U);
  EXPECT_EQ(plan.next_run, kStart + seconds(660));
  const auto none = plan_fires(every(seconds(60)), kStart, kStart + seconds(630),
                               MisfirePolicy::kSkip, seconds(5));
  EXPECT_TRUE(none.fires.empty());
}

TEST(PlanFires, AfterDowntimeOnceFiresTheLatestMissedFireOnly) {
  const auto plan = plan_fires(every(seconds(60)), kStart, kStart + seconds(630),
                               MisfirePolicy::kOnce, seconds(5));
  EXPECT_EQ(plan.fires, std::vector<Seconds>{kStart + seconds(600)});
  EXPECT_EQ(plan.next_run, kStart + seconds(660));
  // An on-time fire covers the missed ones.
  const auto covered = plan_fires(every(seconds(60)), kStart, kStart + seconds(601),
                                  MisfirePolicy::kOnce, seconds(5));
  EXPECT_EQ(covered.fires, std::vector<Seconds>{kStart + seconds(600)});
}

TEST(PlanFires, AfterDowntimeAllFiresEveryMissedFireUpToTheCap) {
  const auto plan = plan_fires(every(seconds(60)), kStart, kStart + seconds(630),
                               MisfirePolicy::kAll, seconds(5));
  ASSERT_EQ(plan.fires.size(), 11U);
  EXPECT_EQ(plan.fires.front(), kStart);
  EXPECT_EQ(plan.fires.back(), kStart + seconds(600));
  const auto capped = plan_fires(every(seconds(60)), kStart, kStart + seconds(630),
                                 MisfirePolicy::kAll, seconds(5), 3);
  EXPECT_EQ(capped.fires, (std::vector<Seconds>{kStart + seconds(480), kStart + seconds(540),
                                                kStart + seconds(600)}));
}

TEST(PlanFires, AOnceScheduleFinishesAfterItsFire) {
  ScheduleTiming once;
  once.type = ScheduleType::kOnce;
  once.run_at = kStart;
  const auto plan = plan_fires(once, kStart, kStart + seconds(2), MisfirePolicy::kOnce, seconds(5));
  EXPECT_EQ(plan.fires, std::vector<Seconds>{kStart});
  EXPECT_FALSE(plan.next_run.has_value());
  const auto skipped =
      plan_fires(once, kStart, kStart + hours(1), MisfirePolicy::kSkip, seconds(5));
  EXPECT_TRUE(skipped.fires.empty());
  EXPECT_FALSE(skipped.next_run.has_value());
}

TEST(PlanFires, AScheduleDownForMonthsIsPlannedWithoutWalkingEveryFire) {
  const auto plan = plan_fires(every(seconds(1)), kStart, kStart + hours(24 * 90),
                               MisfirePolicy::kOnce, seconds(5));
  // The fires of the last five seconds are on time; the latest missed one is covered.
  ASSERT_EQ(plan.fires.size(), 6U);
  EXPECT_EQ(plan.fires.back(), kStart + hours(24 * 90));
  EXPECT_EQ(plan.next_run, kStart + hours(24 * 90) + seconds(1));

  ScheduleTiming minutely;
  minutely.type = ScheduleType::kScheduled;
  minutely.cron = CronExpression::parse("* * * * *");
  minutely.zone = find_time_zone("UTC");
  const auto cron_plan = plan_fires(minutely, kStart + seconds(40), kStart + hours(24 * 60),
                                    MisfirePolicy::kAll, seconds(5), 2);
  ASSERT_EQ(cron_plan.fires.size(), 2U);
  EXPECT_GT(cron_plan.fires.back(), kStart + hours(24 * 60) - minutes(2));
}

}  // namespace
}  // namespace switchyard::domain::schedules
