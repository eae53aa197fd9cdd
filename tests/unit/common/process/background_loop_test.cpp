// BackgroundLoop (common/process/background_loop.hpp): start and stop are
// idempotent, stop is safe before start and returns only once the body is done,
// a sleeping body wakes at once, and an exception from the body is logged, not
// fatal.
#include "process/background_loop.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>

#include "support/test_servers.hpp"

namespace switchyard::process {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(BackgroundLoop, StopBeforeStartReturnsAtOnceWithoutRunningTheBody) {
  std::atomic<int> runs{0};
  BackgroundLoop loop("test", [&] { ++runs; });
  EXPECT_FALSE(loop.stop());
  EXPECT_FALSE(loop.stop());
  EXPECT_EQ(runs.load(), 0);
}

TEST(BackgroundLoop, StartTwiceRunsOneBodyAndStopTwiceStopsIt) {
  std::atomic<int> runs{0};
  BackgroundLoop* self = nullptr;
  BackgroundLoop loop("test", [&] {
    ++runs;
    while (self->wait_for(1h)) {
    }
  });
  self = &loop;
  loop.start();
  loop.start();
  ASSERT_TRUE(testing::eventually([&] { return runs.load() == 1; }, 5s));
  EXPECT_TRUE(loop.stop());
  EXPECT_FALSE(loop.stop());
  EXPECT_EQ(runs.load(), 1);
  EXPECT_FALSE(loop.running());
}

TEST(BackgroundLoop, StopWakesALoopSleepingInWaitForAtOnce) {
  std::atomic<bool> sleeping{false};
  BackgroundLoop* self = nullptr;
  BackgroundLoop loop("test", [&] {
    sleeping = true;
    self->wait_for(10s);  // finite, so that a stop that fails to wake it fails the test
  });
  self = &loop;
  loop.start();
  ASSERT_TRUE(testing::eventually([&] { return sleeping.load(); }, 5s));
  const auto started = Clock::now();
  loop.stop();
  EXPECT_LT(Clock::now() - started, 500ms);
}

TEST(BackgroundLoop, WaitForSleepsItsDurationWhileRunning) {
  std::atomic<bool> woke{false};
  std::atomic<long long> slept_ms{-1};
  BackgroundLoop* self = nullptr;
  BackgroundLoop loop("test", [&] {
    const auto started = Clock::now();
    woke = self->wait_for(50ms);
    slept_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    while (self->wait_for(1h)) {
    }
  });
  self = &loop;
  loop.start();
  ASSERT_TRUE(testing::eventually([&] { return slept_ms.load() >= 0; }, 5s));
  loop.stop();
  EXPECT_TRUE(woke.load());
  EXPECT_GE(slept_ms.load(), 50);
}

TEST(BackgroundLoop, WaitForAfterStopReturnsFalseAtOnce) {
  BackgroundLoop loop("test", [] {});
  loop.start();
  loop.stop();
  const auto started = Clock::now();
  EXPECT_FALSE(loop.wait_for(10s));
  EXPECT_LT(Clock::now() - started, 500ms);
}

// A body that sleeps elsewhere (the publisher's poll() on an eventfd) is woken by
// the owner's hook.
TEST(BackgroundLoop, StopCallsTheWakeHookForABodySleepingElsewhere) {
  std::atomic<bool> woken{false};
  std::atomic<bool> sleeping{false};
  BackgroundLoop loop(
      "test",
      [&] {
        sleeping = true;
        const auto deadline = Clock::now() + 5s;  // deaf to running(): only the hook wakes it
        while (!woken.load() && Clock::now() < deadline) std::this_thread::yield();
      },
      [&] { woken = true; });
  loop.start();
  ASSERT_TRUE(testing::eventually([&] { return sleeping.load(); }, 5s));
  const auto started = Clock::now();
  loop.stop();
  EXPECT_TRUE(woken.load());
  EXPECT_LT(Clock::now() - started, 500ms);
}

TEST(BackgroundLoop, StopReturnsOnlyOnceTheBodyHasReturned) {
  std::atomic<bool> finished{false};
  std::atomic<bool> started{false};
  BackgroundLoop* self = nullptr;
  BackgroundLoop loop("test", [&] {
    started = true;
    while (self->running()) std::this_thread::yield();
    std::this_thread::sleep_for(100ms);  // work after the stop request, which stop() awaits
    finished = true;
  });
  self = &loop;
  loop.start();
  ASSERT_TRUE(testing::eventually([&] { return started.load(); }, 5s));
  loop.stop();
  EXPECT_TRUE(finished.load());
}

TEST(BackgroundLoop, StartsAgainAfterAStop) {
  std::atomic<int> runs{0};
  BackgroundLoop loop("test", [&] { ++runs; });
  loop.start();
  loop.stop();
  loop.start();
  loop.stop();
  EXPECT_EQ(runs.load(), 2);
}

TEST(BackgroundLoop, LogsAnExceptionFromTheBodyAndStillStops) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(16);
  const auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));

  BackgroundLoop loop("refresher", [] { throw std::runtime_error("database on fire"); });
  loop.start();
  ASSERT_TRUE(testing::eventually(
      [&] {
        for (const auto& line : sink->last_formatted()) {
          if (line.find("refresher") != std::string::npos &&
              line.find("database on fire") != std::string::npos) {
            return true;
          }
        }
        return false;
      },
      5s));
  EXPECT_TRUE(loop.running());  // until stop(), as documented
  EXPECT_TRUE(loop.stop());
  spdlog::set_default_logger(previous);
}

}  // namespace
}  // namespace switchyard::process
