// The RunnerPool (workers/runner_pool.hpp) with handlers the tests hold at a gate:
// outcomes come back in the order of the tasks, no more than `concurrency` run at
// once, a task still running at its deadline is failed there and its runner
// replaced, and enough stuck runners ask for a restart. The StartedMarker is
// never started: it only notes begin and end, without a database.
#include "runner_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "completer.hpp"
#include "dispatcher.hpp"
#include "executor.hpp"
#include "started_marker.hpp"
#include "support/function_handler.hpp"
#include "support/outcome_error.hpp"
#include "support/test_servers.hpp"

namespace switchyard::workers {
namespace {

using namespace std::chrono_literals;
using domain::TaskStatus;
using switchyard::testing::error_type;
using switchyard::testing::eventually;
using switchyard::testing::handler;
using switchyard::testing::sample_task;

// Handlers wait here until the test opens it (or a minute passes).
class Gate {
 public:
  void open() { open_ = true; }
  void wait() const {
    eventually([this] { return open_.load(); }, 60s);
  }

 private:
  std::atomic<bool> open_{false};
};

// Opens the gate when a test leaves early, before it waits for its window.
class OpenOnExit {
 public:
  explicit OpenOnExit(Gate& gate) : gate_(gate) {}
  ~OpenOnExit() { gate_.open(); }
  OpenOnExit(const OpenOnExit&) = delete;
  OpenOnExit& operator=(const OpenOnExit&) = delete;

 private:
  Gate& gate_;
};

class RunnerPoolTest : public ::testing::Test {
 protected:
  RunnerPoolTest() {
    dispatcher_.add({"test", "echo"}, handler([](TaskContext& context) {
                      return std::string(context.task.payload_json);
                    }));
    dispatcher_.add({"test", "held"}, handler([this](TaskContext&) {
                      const int now = ++active_;
                      int seen = most_active_;
                      while (now > seen && !most_active_.compare_exchange_weak(seen, now)) {
                      }
                      gate_.wait();
                      --active_;
                      return std::string("null");
                    }));
  }

  // Abandoned runners still use the executor and the marker: wait for them to
  // return before those go.
  ~RunnerPoolTest() override {
    gate_.open();
    for (auto& pool : pools_) EXPECT_TRUE(eventually([&] { return pool->stuck() == 0; }, 10s));
  }

  RunnerPool& pool(int concurrency, int max_stuck = 10) {
    pools_.push_back(std::make_unique<RunnerPool>(executor_, started_, concurrency, max_stuck));
    return *pools_.back();
  }

  static std::vector<const WindowTask*> pointers(const std::vector<WindowTask>& window) {
    std::vector<const WindowTask*> tasks;
    tasks.reserve(window.size());
    for (const auto& item : window) tasks.push_back(&item);
    return tasks;
  }

  static WindowTask item(const std::string& action, int timeout_ms = 30000,
                         const std::string& payload = "{}") {
    WindowTask item{sample_task("test", action, payload), "{}", ""};
    item.task.timeout_ms = timeout_ms;
    return item;
  }

  Dispatcher dispatcher_;
  Executor executor_{dispatcher_};
  StartedMarker started_{"", 1h};
  Gate gate_;
  std::atomic<int> active_{0};
  std::atomic<int> most_active_{0};
  std::vector<std::unique_ptr<RunnerPool>> pools_;
};

TEST_F(RunnerPoolTest, ReturnsTheOutcomesInTheOrderOfTheTasks) {
  RunnerPool& runners = pool(4);
  std::vector<WindowTask> window;
  window.reserve(20);
  for (int i = 0; i < 20; ++i) {
    window.push_back(item("echo", 30000, R"({"i":)" + std::to_string(i) + "}"));
  }
  const auto outcomes = runners.run_all(pointers(window));
  ASSERT_EQ(outcomes.size(), window.size());
  for (std::size_t i = 0; i < window.size(); ++i) {
    EXPECT_EQ(outcomes[i].status, TaskStatus::kSucceeded);
    EXPECT_EQ(outcomes[i].task.id, window[i].task.id);
    EXPECT_EQ(outcomes[i].result_json, window[i].task.payload_json);
  }
}

TEST_F(RunnerPoolTest, ReturnsNothingForAnEmptyWindow) { EXPECT_TRUE(pool(2).run_all({}).empty()); }

TEST_F(RunnerPoolTest, RunsUpToItsConcurrencyAtOnceAndNoMore) {
  RunnerPool& runners = pool(3);
  std::vector<WindowTask> window;
  window.reserve(6);
  for (int i = 0; i < 6; ++i) window.push_back(item("held"));
  auto done = std::async(std::launch::async, [&] { return runners.run_all(pointers(window)); });
  const OpenOnExit open_on_exit(gate_);
  ASSERT_TRUE(eventually([&] { return active_ >= 3; }, 5s)) << "tasks waiting did not spread";
  EXPECT_FALSE(eventually([&] { return active_ > 3; }, 50ms));
  gate_.open();
  const auto outcomes = done.get();
  EXPECT_EQ(most_active_, 3);
  for (const auto& outcome : outcomes) EXPECT_EQ(outcome.status, TaskStatus::kSucceeded);
}

TEST_F(RunnerPoolTest, FailsATaskStillRunningAtItsDeadlineAndGoesOnWithTheWindow) {
  RunnerPool& runners = pool(2);
  std::vector<WindowTask> window{item("held", 20), item("echo")};
  const auto outcomes = runners.run_all(pointers(window));  // the gate stays shut
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].status, TaskStatus::kFailed);
  EXPECT_EQ(error_type(outcomes[0]), "timeout");
  EXPECT_EQ(outcomes[0].task.id, window[0].task.id);
  EXPECT_EQ(outcomes[1].status, TaskStatus::kSucceeded);
  EXPECT_EQ(runners.stuck(), 1);
}

TEST_F(RunnerPoolTest, ReplacesAStuckRunnerSoTheNextWindowStillRuns) {
  RunnerPool& runners = pool(1);
  std::vector<WindowTask> stuck{item("held", 10)};
  ASSERT_EQ(runners.run_all(pointers(stuck))[0].status, TaskStatus::kFailed);
  std::vector<WindowTask> next{item("echo")};
  EXPECT_EQ(runners.run_all(pointers(next))[0].status, TaskStatus::kSucceeded);
  EXPECT_EQ(runners.stuck(), 1);
}

TEST_F(RunnerPoolTest, AsksForARestartOnceMaxStuckRunnersAreStuckAndNotAfterTheyReturn) {
  RunnerPool& runners = pool(1, /*max_stuck=*/2);
  std::vector<WindowTask> first{item("held", 10)};
  runners.run_all(pointers(first));
  EXPECT_FALSE(runners.needs_restart());
  std::vector<WindowTask> second{item("held", 10)};
  runners.run_all(pointers(second));
  EXPECT_EQ(runners.stuck(), 2);
  EXPECT_TRUE(runners.needs_restart());
  gate_.open();
  EXPECT_TRUE(eventually([&] { return runners.stuck() == 0; }, 5s));
  EXPECT_FALSE(runners.needs_restart());
}

}  // namespace
}  // namespace switchyard::workers
