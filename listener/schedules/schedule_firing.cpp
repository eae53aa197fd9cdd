#include "schedules/schedule_firing.hpp"

#include <spdlog/spdlog.h>

#include <future>
#include <vector>

#include "domain/schedules/schedule_definition.hpp"
#include "envelope/internal_task.hpp"
#include "envelope/task_id.hpp"
#include "storage/schedules/schedules_repository.hpp"

namespace switchyard::listener {
namespace {

namespace repo = storage::schedules;
namespace sched = domain::schedules;

constexpr int kBatch = 100;  // due schedules per pass

// Publishes every task and waits for each confirm; false if any was not taken.
bool publish_all(amqp::TaskPublisher& publisher, const std::vector<envelope::TaskEnvelope>& tasks,
                 const std::string& schedule_id) {
  std::vector<std::future<amqp::PublishOutcome>> outcomes;
  for (const auto& task : tasks) {
    auto promise = std::make_shared<std::promise<amqp::PublishOutcome>>();
    outcomes.push_back(promise->get_future());
    publisher.publish(task, std::nullopt, [promise](amqp::PublishOutcome outcome) {
      promise->set_value(std::move(outcome));
    });
  }
  bool all = true;
  for (auto& outcome : outcomes) {
    const amqp::PublishOutcome result = outcome.get();  // the publisher's confirm deadline
    if (result.kind == amqp::PublishOutcome::Kind::kFailed) {
      spdlog::warn("scheduler: schedule {} not fired ({}); trying again soon", schedule_id,
                   result.reason);
      all = false;
    }
  }
  return all;
}

}  // namespace

bool ScheduleFiring::fire_due() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  try {
    if (!db_ || !db_->is_open()) db_ = std::make_unique<pqxx::connection>(database_url_);
    std::vector<repo::DueSchedule> due;
    {
      pqxx::read_transaction tx(*db_);
      due = repo::due_schedules(tx, now, kBatch);
    }
    for (const auto& s : due) {
      std::optional<sched::Seconds> next_run;
      std::vector<envelope::TaskEnvelope> tasks;
      try {
        const auto timing = sched::timing_of(*sched::schedule_type_from(s.type), s.schedule,
                                             s.timezone, s.interval_seconds, s.run_at);
        const auto plan = sched::plan_fires(
            timing, s.next_run, now,
            sched::misfire_policy_from(s.misfire_policy).value_or(sched::MisfirePolicy::kOnce),
            kGrace);
        next_run = plan.next_run;
        if (plan.missed > 0) {
          spdlog::info("scheduler: schedule {} missed {} fires; policy {} fires {}", s.id,
                       plan.missed, s.misfire_policy, plan.fires.size());
        }
        if (!services_.find_action(s.service, s.action)) {
          spdlog::warn("scheduler: schedule {} names {}.{}, not in services.yaml; not fired", s.id,
                       s.service, s.action);
        } else {
          for (const auto fire : plan.fires) {
            const domain::TaskKind kind{s.service, s.action};
            auto task =
                envelope::internal_task(services_, kind, s.payload_json, "schedule:" + s.id);
            const auto epoch = fire.time_since_epoch().count();
            task.id = envelope::schedule_fire_task_id(s.fire_key, epoch);
            task.idempotency_key = "schedule:" + s.id + "@" + sched::format_rfc3339(fire);
            tasks.push_back(std::move(task));
          }
        }
      } catch (const sched::FieldError& e) {
        // A time zone gone from tzdata: the schedule cannot fire until changed.
        spdlog::error("scheduler: schedule {} cannot fire: {}: {}", s.id, e.field(), e.what());
        continue;
      }
      if (!publish_all(publisher_, tasks, s.id)) return false;
      pqxx::work tx(*db_);
      repo::advance_schedule(tx, s.id, s.next_run, next_run);
      tx.commit();
      for (const auto& task : tasks) {
        spdlog::info("scheduler: schedule {} fired task {} ({})", s.id, task.id,
                     *task.idempotency_key);
      }
    }
    return true;
  } catch (const std::exception& e) {
    db_.reset();
    spdlog::warn("scheduler: firing schedules failed ({}); next turn retries", e.what());
    return false;
  }
}

}  // namespace switchyard::listener
