#pragma once
// Scheduler: runs periodic jobs on the one listener that holds the Lease
// (DESIGN.md: "the scheduler ... on one leader chosen by a PostgreSQL advisory
// lock"). Jobs run one after another on the scheduler's thread; a job that throws
// is logged and runs again at its next turn. A listener that becomes leader runs
// every job at once, then every `interval`; a job that reports it did not get
// its work done (false) is tried again after `retry_after`, if that is sooner.
// leading() and fired() are for the scrape endpoint, from any thread.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lease.hpp"

namespace switchyard::listener {

struct ScheduledJob {
  std::string name;
  std::chrono::milliseconds interval;
  std::function<bool()> run;  // false: not done (e.g. the broker was down)
  std::chrono::milliseconds retry_after{5000};
  // Shown in /system/tasks as a built-in item (false for the machinery of
  // /system/tasks itself).
  bool listed = true;
};

// What the scheduler tells of its listed jobs, on its own thread, while leading
// (BuiltinJobs keeps it in the schedules table for /system/tasks).
class SchedulerObserver {
 public:
  virtual ~SchedulerObserver() = default;
  // This listener became the leader; `jobs` are the listed ones.
  virtual void leading(const std::vector<ScheduledJob>& jobs) = 0;
  // A listed job ran: `done` false when it reported so or threw; it runs again in
  // `next_in`.
  virtual void ran(const ScheduledJob& job, bool done, std::chrono::milliseconds next_in) = 0;
};

class Scheduler {
 public:
  Scheduler(Lease& lease, std::vector<ScheduledJob> jobs,
            std::chrono::milliseconds tick = std::chrono::milliseconds(500))
      : lease_(lease),
        jobs_(std::move(jobs)),
        tick_(tick),
        fired_(std::make_unique<std::atomic<std::uint64_t>[]>(jobs_.size())) {}

  bool empty() const { return jobs_.empty(); }
  // Set before run(); the observer outlives the scheduler.
  void observe(SchedulerObserver* observer) { observer_ = observer; }
  // Blocks until stop().
  void run();
  void stop();

  bool leading() const { return leading_.load(std::memory_order_relaxed); }
  // Each job's name and how many times it ran here.
  std::vector<std::pair<std::string, std::uint64_t>> fired() const;

 private:
  Lease& lease_;
  std::vector<ScheduledJob> jobs_;
  std::chrono::milliseconds tick_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> fired_;
  std::atomic<bool> leading_{false};
  SchedulerObserver* observer_ = nullptr;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace switchyard::listener
