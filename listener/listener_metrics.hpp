#pragma once
// ListenerMetrics: what the listener exposes on its scrape endpoint
// (docs/observability.md):
//   switchyard_ledger_batch_size                 histogram, records per written window
//   switchyard_ledger_write_seconds              histogram, a window's write and commit
//   switchyard_poison_messages_total{reason}     unknown, refused
//   switchyard_scheduler_leader                  gauge, 1 on the listener holding the lease
//   switchyard_schedules_fired_total{schedule}   scheduled job runs (names are fixed)
//   switchyard_callbacks_total{outcome}          callback attempts: delivered, failed
//                                                (another attempt follows), given_up
// The ledger's lag is its queue's depth (QueueDepths, queue="ledger").
// Thread-safe: atomics only; the consumer's thread records.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/histogram.hpp"

namespace switchyard::listener {

enum class ListenerPoison { kUnknown, kRefused };
enum class CallbackOutcome { kDelivered, kFailed, kGivenUp };

class ListenerMetrics {
 public:
  ListenerMetrics();

  void window_written(std::size_t records, std::chrono::steady_clock::duration elapsed);
  void poison(ListenerPoison reason) {
    poison_[static_cast<std::size_t>(reason)].fetch_add(1, std::memory_order_relaxed);
  }

  void callback(CallbackOutcome outcome) {
    callbacks_[static_cast<std::size_t>(outcome)].fetch_add(1, std::memory_order_relaxed);
  }

  // `fired`: each job's name and runs so far (the Scheduler's).
  std::string render(bool leader,
                     const std::vector<std::pair<std::string, std::uint64_t>>& fired) const;

 private:
  metrics::Histogram batch_size_;
  metrics::Histogram write_seconds_{metrics::kSecondsBuckets};
  std::array<std::atomic<std::uint64_t>, 2> poison_{};
  std::array<std::atomic<std::uint64_t>, 3> callbacks_{};
};

}  // namespace switchyard::listener
