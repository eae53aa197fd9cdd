#pragma once
// WorkerMetrics: what a worker exposes on its scrape endpoint
// (docs/observability.md), kept in atomics so that recording costs a few relaxed
// increments per task and never a lock or an allocation:
//   switchyard_task_duration_seconds{service,action}    histogram, handler run time
//   switchyard_task_latency_seconds{service,action}     histogram, submitted → final
//   switchyard_tasks_finished_total{service,action,status}  succeeded, failed, dead
//   switchyard_task_retries_total{service,action}
//   switchyard_tasks_dead_total{service,action}
//   switchyard_poison_messages_total{reason}            undecodable, refused, strikes
//   switchyard_redelivered_messages_total                deliveries the broker marked
//                                                        redelivered (run one at a time)
//   switchyard_worker_in_flight                          gauge (the caller's number)
//   switchyard_worker_window_size                        histogram, tasks per window
//   switchyard_db_commit_seconds                         histogram, a window's commit
// The series of every action of the served services exist from the start (zero);
// a task of an action services.yaml does not name is not counted by action, so
// label values stay bounded whatever the messages say.
// Thread-safe: the runner threads record durations, the consumer's thread the rest.
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "config/services_config.hpp"
#include "domain/task_status.hpp"
#include "envelope/task_outcome.hpp"
#include "metrics/histogram.hpp"

namespace switchyard::workers {

enum class PoisonReason { kUndecodable, kRefused, kStrikes };

class WorkerMetrics {
 public:
  WorkerMetrics(const config::ServicesConfig& services, const std::set<std::string>& served);

  void task_ran(const envelope::TaskEnvelope& task, std::chrono::steady_clock::duration elapsed);
  // An outcome recorded in the database: its status (retrying counts a retry) and,
  // when final, its latency from submitted_at.
  void task_recorded(const envelope::TaskOutcome& outcome);
  void poison(PoisonReason reason);
  void redelivered(std::size_t deliveries) {
    redelivered_.fetch_add(deliveries, std::memory_order_relaxed);
  }
  void window(std::size_t tasks) { window_size_.observe(static_cast<double>(tasks)); }
  void committed(std::chrono::steady_clock::duration elapsed) {
    commit_seconds_.observe(std::chrono::duration<double>(elapsed).count());
  }

  std::string render(int in_flight) const;

 private:
  struct ActionMetrics {
    metrics::Histogram duration{metrics::kSecondsBuckets};
    metrics::Histogram latency{metrics::kSecondsBuckets};
    std::array<std::atomic<std::uint64_t>, std::size(domain::kAllTaskStatuses)> by_status{};
  };
  ActionMetrics* find(std::string_view service, std::string_view action) const;

  // service → action → counters; the shape is fixed at construction.
  std::map<std::string, std::map<std::string, std::unique_ptr<ActionMetrics>, std::less<>>,
           std::less<>>
      actions_;
  std::array<std::atomic<std::uint64_t>, 3> poison_{};
  std::atomic<std::uint64_t> redelivered_{0};
  metrics::Histogram window_size_;
  metrics::Histogram commit_seconds_{metrics::kSecondsBuckets};
};

}  // namespace switchyard::workers
