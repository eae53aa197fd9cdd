#pragma once
// RunnerPool: the worker's handler threads. The consumer hands it the tasks of a
// window that do no database work; they run side by side on up to `concurrency`
// runners, and run_all() returns when each has an outcome.
//
// Timeouts are enforced while a handler runs: a task still running at its
// deadline is failed with a `timeout` error there and then (the retry policy
// decides what follows) and the window goes on. A thread cannot be killed safely,
// so its runner is abandoned — it finishes in the background, its late result is
// thrown away — and a fresh runner takes its place. needs_restart() tells the
// worker when too many abandoned runners are still stuck; the worker then
// re-executes itself, which ends them (as Celery replaces a pool process after a
// hard time limit).
//
// Waking threads costs more than a no-op task, so a window starts on one runner;
// another joins only when tasks have waited `kSpreadAfter` without being taken.
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "envelope/task_outcome.hpp"
#include "executor.hpp"
#include "started_marker.hpp"

namespace switchyard::workers {

struct WindowTask;

class RunnerPool {
 public:
  RunnerPool(const Executor& executor, StartedMarker& started, int concurrency, int max_stuck);
  // Joins the runners that are idle; stuck ones are left to the process's end.
  ~RunnerPool();
  RunnerPool(const RunnerPool&) = delete;
  RunnerPool& operator=(const RunnerPool&) = delete;

  // Outcomes in the order of `tasks`. Called from one thread at a time.
  std::vector<envelope::TaskOutcome> run_all(const std::vector<const WindowTask*>& tasks);

  // Abandoned runners whose handler has not returned yet.
  int stuck() const;
  bool needs_restart() const { return stuck() >= max_stuck_; }

 private:
  struct State;

  void start_runner();

  const Executor& executor_;
  StartedMarker& started_;
  const int concurrency_;
  const int max_stuck_;
  // Shared with the runners: an abandoned runner may outlive this pool.
  std::shared_ptr<State> state_;
  std::map<std::uint64_t, std::thread> runners_;  // live (not abandoned) runners by id
  std::uint64_t next_runner_id_ = 1;
};

}  // namespace switchyard::workers
