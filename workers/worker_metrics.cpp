#include "worker_metrics.hpp"

#include "envelope/timestamp.hpp"
#include "metrics/text_format.hpp"

namespace switchyard::workers {
namespace {

using domain::TaskStatus;

constexpr double kWindowBuckets[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000};
constexpr std::string_view kPoisonReasons[] = {"undecodable", "refused", "strikes"};
constexpr TaskStatus kFinished[] = {TaskStatus::kSucceeded, TaskStatus::kFailed, TaskStatus::kDead};

std::size_t slot(TaskStatus status) { return static_cast<std::size_t>(status); }

}  // namespace

WorkerMetrics::WorkerMetrics(const config::ServicesConfig& services,
                             const std::set<std::string>& served)
    : window_size_(kWindowBuckets) {
  for (const auto& name : served) {
    const config::ServiceConfig* service = services.find_service(name);
    if (service == nullptr) continue;
    auto& actions = actions_[name];
    for (const auto& [action, config] : service->actions) {
      actions.emplace(action, std::make_unique<ActionMetrics>());
    }
  }
}

WorkerMetrics::ActionMetrics* WorkerMetrics::find(std::string_view service,
                                                  std::string_view action) const {
  const auto s = actions_.find(service);
  if (s == actions_.end()) return nullptr;
  const auto a = s->second.find(action);
  return a == s->second.end() ? nullptr : a->second.get();
}

void WorkerMetrics::task_ran(const envelope::TaskEnvelope& task,
                             std::chrono::steady_clock::duration elapsed) {
  if (ActionMetrics* m = find(task.service, task.action)) {
    m->duration.observe(std::chrono::duration<double>(elapsed).count());
  }
}

void WorkerMetrics::task_recorded(const envelope::TaskOutcome& outcome) {
  ActionMetrics* m = find(outcome.task.service, outcome.task.action);
  if (m == nullptr) return;
  m->by_status[slot(outcome.status)].fetch_add(1, std::memory_order_relaxed);
  if (!domain::is_final(outcome.status)) return;
  if (const auto submitted = envelope::parse_timestamp(outcome.task.submitted_at)) {
    const auto latency = std::chrono::system_clock::now() - *submitted;
    m->latency.observe(std::max(0.0, std::chrono::duration<double>(latency).count()));
  }
}

void WorkerMetrics::poison(PoisonReason reason) {
  poison_[static_cast<std::size_t>(reason)].fetch_add(1, std::memory_order_relaxed);
}

std::string WorkerMetrics::render(int in_flight) const {
  using metrics::labels;
  using metrics::write_family;
  using metrics::write_sample;
  std::string out;
  auto per_action = [&](std::string_view name, std::string_view type, std::string_view help,
                        auto&& write) {
    write_family(out, name, type, help);
    for (const auto& [service, actions] : actions_) {
      for (const auto& [action, m] : actions) {
        write(name, labels({{"service", service}, {"action", action}}), *m);
      }
    }
  };
  per_action("switchyard_task_duration_seconds", "histogram",
             "Time a task's handler ran, by service and action.",
             [&](std::string_view name, const std::string& l, const ActionMetrics& m) {
               m.duration.render(out, name, l);
             });
  per_action("switchyard_task_latency_seconds", "histogram",
             "Time from a task's submission to its final state, by service and action.",
             [&](std::string_view name, const std::string& l, const ActionMetrics& m) {
               m.latency.render(out, name, l);
             });
  per_action("switchyard_tasks_finished_total", "counter",
             "Tasks this worker took to a final state, by service, action and status.",
             [&](std::string_view name, const std::string& l, const ActionMetrics& m) {
               for (const TaskStatus status : kFinished) {
                 write_sample(out, name, l + "," + labels({{"status", domain::to_string(status)}}),
                              m.by_status[slot(status)].load(std::memory_order_relaxed));
               }
             });
  per_action("switchyard_task_retries_total", "counter",
             "Failed attempts sent to a retry, by service and action.",
             [&](std::string_view name, const std::string& l, const ActionMetrics& m) {
               write_sample(
                   out, name, l,
                   m.by_status[slot(TaskStatus::kRetrying)].load(std::memory_order_relaxed));
             });
  per_action("switchyard_tasks_dead_total", "counter",
             "Tasks that used up their retries (dead-lettered), by service and action.",
             [&](std::string_view name, const std::string& l, const ActionMetrics& m) {
               write_sample(out, name, l,
                            m.by_status[slot(TaskStatus::kDead)].load(std::memory_order_relaxed));
             });
  write_family(out, "switchyard_poison_messages_total", "counter",
               "Messages set aside by the quarantine, by reason.");
  for (std::size_t i = 0; i < poison_.size(); ++i) {
    write_sample(out, "switchyard_poison_messages_total", labels({{"reason", kPoisonReasons[i]}}),
                 poison_[i].load(std::memory_order_relaxed));
  }
  write_family(out, "switchyard_redelivered_messages_total", "counter",
               "Deliveries the broker marked redelivered: handed out before and never "
               "acked (a worker died or lost its connection); each runs alone under a strike.");
  write_sample(out, "switchyard_redelivered_messages_total", "",
               redelivered_.load(std::memory_order_relaxed));
  write_family(out, "switchyard_worker_in_flight", "gauge",
               "Tasks of the window being completed now.");
  write_sample(out, "switchyard_worker_in_flight", "", static_cast<std::uint64_t>(in_flight));
  write_family(out, "switchyard_worker_window_size", "histogram", "Tasks per window.");
  window_size_.render(out, "switchyard_worker_window_size", "");
  write_family(out, "switchyard_db_commit_seconds", "histogram",
               "Time to make a window's outcomes durable (its COMMIT, or the one "
               "autocommitted outcome statement).");
  commit_seconds_.render(out, "switchyard_db_commit_seconds", "");
  return out;
}

}  // namespace switchyard::workers
