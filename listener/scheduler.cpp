#include "scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

namespace switchyard::listener {

void Scheduler::run() {
  using Clock = std::chrono::steady_clock;
  std::vector<Clock::time_point> next_run(jobs_.size());
  bool leading = false;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const bool leader = lease_.hold();
    if (leader && !leading) {
      std::fill(next_run.begin(), next_run.end(), Clock::now());
      if (observer_) {
        std::vector<ScheduledJob> listed;
        std::copy_if(jobs_.begin(), jobs_.end(), std::back_inserter(listed),
                     [](const ScheduledJob& job) { return job.listed; });
        observer_->leading(listed);
      }
    }
    leading = leader;
    leading_.store(leader, std::memory_order_relaxed);
    for (std::size_t i = 0; leading && i < jobs_.size(); ++i) {
      if (Clock::now() < next_run[i]) continue;
      bool done = false;
      fired_[i].fetch_add(1, std::memory_order_relaxed);
      try {
        done = jobs_[i].run();
      } catch (const std::exception& e) {
        spdlog::error("scheduler: job {} failed: {}", jobs_[i].name, e.what());
      }
      const auto next_in =
          done ? jobs_[i].interval : std::min(jobs_[i].interval, jobs_[i].retry_after);
      next_run[i] = Clock::now() + next_in;
      if (observer_ && jobs_[i].listed) observer_->ran(jobs_[i], done, next_in);
    }
    lock.lock();
    wake_.wait_for(lock, tick_, [this] { return stopping_; });
  }
  lock.unlock();
  lease_.release();
  leading_.store(false, std::memory_order_relaxed);
}

std::vector<std::pair<std::string, std::uint64_t>> Scheduler::fired() const {
  std::vector<std::pair<std::string, std::uint64_t>> runs;
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    runs.emplace_back(jobs_[i].name, fired_[i].load(std::memory_order_relaxed));
  }
  return runs;
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

}  // namespace switchyard::listener
