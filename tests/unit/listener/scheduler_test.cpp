// The Scheduler (listener/scheduler.hpp) with a lease the test hands over at will:
// jobs run only while the lease is held, all at once on becoming leader, again
// after their interval (or retry_after when not done, or after throwing), and
// stop() ends run() and gives the lease up. A 1 ms tick keeps it fast; the test
// counts the scheduler's turns (its calls to hold()) instead of sleeping.
#include "scheduler.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "lease.hpp"
#include "support/test_servers.hpp"

namespace switchyard::listener {
namespace {

using namespace std::chrono_literals;
using switchyard::testing::eventually;

constexpr auto kTick = 1ms;
constexpr auto kNever = std::chrono::hours(1);

class FakeLease final : public Lease {
 public:
  bool hold() override {
    ++turns;
    return held.load();
  }
  void release() override { released = true; }

  std::atomic<bool> held{false};
  std::atomic<int> turns{0};
  std::atomic<bool> released{false};
};

// Runs the scheduler on its own thread for the test's length.
class Running {
 public:
  explicit Running(Scheduler& scheduler)
      : scheduler_(scheduler), thread_([&] { scheduler.run(); }) {}
  ~Running() {
    scheduler_.stop();
    thread_.join();
  }

 private:
  Scheduler& scheduler_;
  std::thread thread_;
};

// Waits until the scheduler has taken `n` more turns.
void wait_turns(const FakeLease& lease, int n) {
  const int target = lease.turns + n;
  ASSERT_TRUE(eventually([&] { return lease.turns >= target; }, 5s));
}

ScheduledJob counting(std::atomic<int>& runs, std::chrono::milliseconds interval) {
  return {"counting", interval, [&runs] {
            ++runs;
            return true;
          }};
}

TEST(Scheduler, RunsNoJobWhileTheLeaseIsHeldElsewhere) {
  FakeLease lease;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease, {counting(runs, 1ms)}, kTick);
  Running running(scheduler);
  wait_turns(lease, 20);
  EXPECT_EQ(runs, 0);
}

TEST(Scheduler, RunsEveryJobAtOnceOnBecomingLeader) {
  FakeLease lease;
  std::atomic<int> first{0};
  std::atomic<int> second{0};
  Scheduler scheduler(lease, {counting(first, kNever), counting(second, kNever)}, kTick);
  Running running(scheduler);
  wait_turns(lease, 3);
  lease.held = true;
  EXPECT_TRUE(eventually([&] { return first == 1 && second == 1; }, 5s));
  wait_turns(lease, 20);
  EXPECT_EQ(first, 1) << "a job ran again before its interval";
  EXPECT_EQ(second, 1);
}

TEST(Scheduler, RunsAJobAgainAfterItsInterval) {
  FakeLease lease;
  lease.held = true;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease, {counting(runs, 5ms)}, kTick);
  Running running(scheduler);
  EXPECT_TRUE(eventually([&] { return runs >= 3; }, 5s));
}

TEST(Scheduler, StopsRunningJobsWhenTheLeaseIsLostAndRunsThemAtOnceWhenRegained) {
  FakeLease lease;
  lease.held = true;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease, {counting(runs, kNever)}, kTick);
  Running running(scheduler);
  ASSERT_TRUE(eventually([&] { return runs == 1; }, 5s));
  lease.held = false;
  wait_turns(lease, 20);
  EXPECT_EQ(runs, 1);
  lease.held = true;
  EXPECT_TRUE(eventually([&] { return runs == 2; }, 5s))
      << "a regained lease runs every job at once, not after its interval";
}

TEST(Scheduler, TriesAJobThatIsNotDoneAgainAfterRetryAfter) {
  FakeLease lease;
  lease.held = true;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease,
                      {{"not done", kNever,
                        [&] {
                          ++runs;
                          return false;
                        },
                        2ms}},
                      kTick);
  Running running(scheduler);
  EXPECT_TRUE(eventually([&] { return runs >= 3; }, 5s));
}

TEST(Scheduler, WaitsItsIntervalForAJobThatIsNotDoneWhenTheIntervalIsSooner) {
  FakeLease lease;
  lease.held = true;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease,
                      {{"not done", 2ms,
                        [&] {
                          ++runs;
                          return false;
                        },
                        kNever}},
                      kTick);
  Running running(scheduler);
  EXPECT_TRUE(eventually([&] { return runs >= 3; }, 5s));
}

TEST(Scheduler, RunsAJobThatThrowsAgainAtItsNextTurnAndTheOthersMeanwhile) {
  FakeLease lease;
  lease.held = true;
  std::atomic<int> throws{0};
  std::atomic<int> others{0};
  Scheduler scheduler(lease,
                      {{"throwing", 2ms,
                        [&]() -> bool {
                          ++throws;
                          throw std::runtime_error("the broker is down");
                        }},
                       counting(others, 2ms)},
                      kTick);
  Running running(scheduler);
  EXPECT_TRUE(eventually([&] { return throws >= 3 && others >= 3; }, 5s));
}

TEST(Scheduler, StopEndsRunAndReleasesTheLease) {
  FakeLease lease;
  lease.held = true;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease, {counting(runs, kNever)}, std::chrono::hours(1));
  std::atomic<bool> returned{false};
  std::thread thread([&] {
    scheduler.run();
    returned = true;
  });
  ASSERT_TRUE(eventually([&] { return runs == 1; }, 5s));
  scheduler.stop();  // wakes the hour-long tick
  EXPECT_TRUE(eventually([&] { return returned.load(); }, 5s));
  thread.join();
  EXPECT_TRUE(lease.released);
}

TEST(Scheduler, RunReturnsAtOnceWhenStoppedBeforeItStarts) {
  FakeLease lease;
  lease.held = true;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease, {counting(runs, kNever)}, kTick);
  scheduler.stop();
  scheduler.run();
  EXPECT_EQ(runs, 0);
  EXPECT_TRUE(lease.released);
}

TEST(Scheduler, ShowsWhetherItLeadsAndHowOftenEachJobFired) {
  FakeLease lease;
  std::atomic<int> runs{0};
  Scheduler scheduler(lease, {counting(runs, kNever)}, kTick);
  {
    const Running running(scheduler);
    wait_turns(lease, 2);
    EXPECT_FALSE(scheduler.leading());
    lease.held = true;
    ASSERT_TRUE(eventually([&] { return runs == 1; }, 5s));
    wait_turns(lease, 2);
    EXPECT_TRUE(scheduler.leading());
    EXPECT_EQ(scheduler.fired(),
              (std::vector<std::pair<std::string, std::uint64_t>>{{"counting", 1}}));
  }
  EXPECT_FALSE(scheduler.leading());  // stopped: the lease is given up
}

}  // namespace
}  // namespace switchyard::listener
