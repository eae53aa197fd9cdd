#include "listener_metrics.hpp"

#include "metrics/text_format.hpp"

namespace switchyard::listener {
namespace {

constexpr double kBatchBuckets[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
constexpr std::string_view kPoisonReasons[] = {"unknown", "refused"};
constexpr std::string_view kCallbackOutcomes[] = {"delivered", "failed", "given_up"};

}  // namespace

ListenerMetrics::ListenerMetrics() : batch_size_(kBatchBuckets) {}

void ListenerMetrics::window_written(std::size_t records,
                                     std::chrono::steady_clock::duration elapsed) {
  batch_size_.observe(static_cast<double>(records));
  write_seconds_.observe(std::chrono::duration<double>(elapsed).count());
}

std::string ListenerMetrics::render(
    bool leader, const std::vector<std::pair<std::string, std::uint64_t>>& fired) const {
  using metrics::labels;
  using metrics::write_family;
  using metrics::write_sample;
  std::string out;
  write_family(out, "switchyard_ledger_batch_size", "histogram",
               "Ledger records (queued tasks, events, cancellations) per written window.");
  batch_size_.render(out, "switchyard_ledger_batch_size", "");
  write_family(out, "switchyard_ledger_write_seconds", "histogram",
               "Time to write and commit a ledger window.");
  write_seconds_.render(out, "switchyard_ledger_write_seconds", "");
  write_family(out, "switchyard_poison_messages_total", "counter",
               "Ledger messages or records set aside, by reason.");
  for (std::size_t i = 0; i < poison_.size(); ++i) {
    write_sample(out, "switchyard_poison_messages_total", labels({{"reason", kPoisonReasons[i]}}),
                 poison_[i].load(std::memory_order_relaxed));
  }
  write_family(out, "switchyard_callbacks_total", "counter",
               "Completion callback attempts by outcome: delivered, failed (tried again "
               "later), given_up.");
  for (std::size_t i = 0; i < callbacks_.size(); ++i) {
    write_sample(out, "switchyard_callbacks_total", labels({{"outcome", kCallbackOutcomes[i]}}),
                 callbacks_[i].load(std::memory_order_relaxed));
  }
  write_family(out, "switchyard_scheduler_leader", "gauge",
               "1 when this listener holds the scheduler's lease, else 0.");
  write_sample(out, "switchyard_scheduler_leader", "", std::uint64_t{leader ? 1U : 0U});
  write_family(out, "switchyard_schedules_fired_total", "counter",
               "Runs of each scheduled job on this listener.");
  for (const auto& [job, n] : fired) {
    write_sample(out, "switchyard_schedules_fired_total", labels({{"schedule", job}}), n);
  }
  return out;
}

}  // namespace switchyard::listener
