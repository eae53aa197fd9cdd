#include "runner_pool.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "completer.hpp"
#include "envelope/timestamp.hpp"

namespace switchyard::workers {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kSpreadAfter{1};

enum class SlotState { kPending, kRunning, kDone, kTimedOut };

}  // namespace

// One window's tasks. Copies, not references: an abandoned runner still reads its
// task after the window is gone.
struct Job {
  envelope::TaskEnvelope task;
  std::string body;
  SlotState state = SlotState::kPending;
  std::uint64_t runner = 0;  // the runner that took it
  std::uint64_t started_token = 0;
  Clock::time_point deadline;
  std::string started_at;
  std::optional<envelope::TaskOutcome> outcome;
};

struct RunnerPool::State {
  std::mutex mutex;
  std::condition_variable work;      // runners wait here for jobs
  std::condition_variable progress;  // run_all() waits here for outcomes
  std::vector<std::shared_ptr<Job>> jobs;
  std::size_t next = 0;       // first job not taken yet
  std::size_t remaining = 0;  // jobs without an outcome
  int stuck = 0;
  bool stopping = false;
};

RunnerPool::RunnerPool(const Executor& executor, StartedMarker& started, int concurrency,
                       int max_stuck)
    : executor_(executor),
      started_(started),
      concurrency_(std::max(concurrency, 1)),
      max_stuck_(std::max(max_stuck, 1)),
      state_(std::make_shared<State>()) {
  for (int i = 0; i < concurrency_; ++i) start_runner();
}

RunnerPool::~RunnerPool() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->work.notify_all();
  for (auto& [id, thread] : runners_) thread.join();
}

int RunnerPool::stuck() const {
  std::lock_guard lock(state_->mutex);
  return state_->stuck;
}

void RunnerPool::start_runner() {
  const std::uint64_t id = next_runner_id_++;
  // The runner holds the state and its collaborators, never `this`.
  runners_.emplace(
      id, std::thread([state = state_, id, &executor = executor_, &started = started_] {
        std::unique_lock lock(state->mutex);
        for (;;) {
          state->work.wait(lock,
                           [&] { return state->stopping || state->next < state->jobs.size(); });
          if (state->stopping) return;
          const std::shared_ptr<Job> job = state->jobs[state->next++];
          job->state = SlotState::kRunning;
          job->runner = id;
          job->started_at = envelope::now_timestamp();
          job->deadline = Clock::now() + std::chrono::milliseconds(job->task.timeout_ms);
          job->started_token = started.begin(job->body);
          lock.unlock();

          envelope::TaskOutcome outcome = executor.execute(job->task, nullptr);
          started.end(job->started_token);

          lock.lock();
          if (job->state == SlotState::kTimedOut) {
            // Given up on at its deadline and replaced: this runner ends here.
            --state->stuck;
            spdlog::warn("an abandoned handler returned: task_id={} service={} action={}",
                         job->task.id, job->task.service, job->task.action);
            return;
          }
          job->outcome = std::move(outcome);
          job->state = SlotState::kDone;
          // Only the last outcome wakes run_all(): one wake-up per window, not per task.
          if (--state->remaining == 0) state->progress.notify_one();
        }
      }));
}

std::vector<envelope::TaskOutcome> RunnerPool::run_all(
    const std::vector<const WindowTask*>& tasks) {
  std::vector<std::shared_ptr<Job>> jobs;
  jobs.reserve(tasks.size());
  for (const WindowTask* item : tasks) {
    auto job = std::make_shared<Job>();
    job->task = item->task;
    job->body = item->body;
    jobs.push_back(std::move(job));
  }
  std::unique_lock lock(state_->mutex);
  state_->jobs = jobs;
  state_->next = 0;
  state_->remaining = jobs.size();
  state_->work.notify_one();

  std::size_t taken_at_last_look = 0;
  while (state_->remaining > 0) {
    const auto now = Clock::now();
    auto wake = now + std::chrono::hours(1);
    for (const auto& job : jobs) {
      if (job->state == SlotState::kRunning) wake = std::min(wake, job->deadline);
    }
    if (state_->next < jobs.size()) wake = std::min(wake, now + kSpreadAfter);
    state_->progress.wait_until(lock, wake);

    for (const auto& job : jobs) {
      if (job->state != SlotState::kRunning || Clock::now() < job->deadline) continue;
      job->state = SlotState::kTimedOut;
      --state_->remaining;
      ++state_->stuck;
      started_.end(job->started_token);
      envelope::TaskOutcome& outcome = job->outcome.emplace();
      outcome.task = job->task;
      outcome.status = domain::TaskStatus::kFailed;
      outcome.error_json = envelope::error_json(
          FailureKind::kTimeout, "the task ran longer than its timeout_ms and was abandoned");
      outcome.started_at = job->started_at;
      outcome.finished_at = envelope::now_timestamp();
      spdlog::warn(
          "timeout task_id={} service={} action={} attempt={} timeout_ms={}: handler "
          "abandoned, {} stuck",
          job->task.id, job->task.service, job->task.action, job->task.attempt,
          job->task.timeout_ms, state_->stuck);
      runners_.at(job->runner).detach();
      runners_.erase(job->runner);
      start_runner();
    }
    // Tasks left untaken while every awake runner is busy: wake one more.
    if (state_->next < jobs.size() && state_->next == taken_at_last_look) {
      state_->work.notify_one();
    }
    taken_at_last_look = state_->next;
  }
  state_->jobs.clear();
  state_->next = 0;

  std::vector<envelope::TaskOutcome> outcomes;
  outcomes.reserve(jobs.size());
  for (auto& job : jobs) outcomes.push_back(std::move(*job->outcome));
  return outcomes;
}

}  // namespace switchyard::workers
