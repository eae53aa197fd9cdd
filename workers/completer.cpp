#include "completer.hpp"

#include <unordered_set>

#include <spdlog/spdlog.h>

#include "amqp/topology.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::workers {
namespace {

using envelope::TaskOutcome;

struct Completed {
  const WindowTask* source;
  TaskOutcome outcome;
};

std::string event_key(const TaskOutcome& outcome) {
  return "task." + std::string(domain::to_string(outcome.status));
}

}  // namespace

bool Completer::wants_events(const envelope::TaskEnvelope& task) const {
  if (task.callback_url) return true;
  const config::ServiceConfig* service = services_.find_service(task.service);
  return service != nullptr && service->publish_events;
}

std::vector<Announcement> Completer::complete(pqxx::connection& claims, pqxx::connection& db,
                                              const std::vector<WindowTask>& window,
                                              const std::string& envelopes_json) const {
  std::unordered_set<std::string> runnable;
  {
    pqxx::nontransaction tx(claims);
    for (auto& id : storage::claim_tasks(tx, envelopes_json)) runnable.insert(std::move(id));
  }

  std::vector<Completed> completed;
  completed.reserve(window.size());
  for (const auto& item : window) {
    if (runnable.count(item.task.id) && !executor_.needs_database(item.task)) {
      completed.push_back({&item, executor_.execute(item.task, nullptr)});
    }
  }

  pqxx::work tx(db);
  for (const auto& item : window) {
    if (!runnable.count(item.task.id) || !executor_.needs_database(item.task)) continue;
    pqxx::subtransaction savepoint(tx, "task");
    const auto status = storage::lock_task_status(savepoint, item.task.id);
    if (status && domain::is_final(*status)) {
      runnable.erase(item.task.id);  // a duplicate delivery finished it meanwhile
      continue;
    }
    TaskOutcome outcome = executor_.execute(item.task, &savepoint);
    if (outcome.status == domain::TaskStatus::kSucceeded) {
      savepoint.commit();
    } else {
      savepoint.abort();  // the failed task's rows go; the others' stay
    }
    completed.push_back({&item, std::move(outcome)});
  }

  std::string outcomes = "[";
  for (const auto& c : completed) envelope::append_outcome_record(outcomes, c.outcome);
  outcomes.push_back(']');
  const auto written = storage::record_outcomes(tx, outcomes);
  tx.commit();
  const std::unordered_set<std::string> written_ids(written.begin(), written.end());

  std::vector<Announcement> announcements;
  for (const auto& c : completed) {
    const std::string body = envelope::to_reply_json(c.outcome);
    if (!c.source->reply_to.empty()) {
      announcements.push_back({"", c.source->reply_to, c.outcome.task.id, body, false});
    }
    if (written_ids.count(c.outcome.task.id) && wants_events(c.outcome.task)) {
      announcements.push_back({amqp::kEventsExchange, event_key(c.outcome), c.outcome.task.id,
                               body, true});
    }
  }
  // Redeliveries of tasks already final: the caller may still wait for the answer.
  for (const auto& item : window) {
    if (runnable.count(item.task.id) || item.reply_to.empty()) continue;
    pqxx::nontransaction read(db);
    if (auto stored = storage::find_task_json(read, item.task.id)) {
      announcements.push_back({"", item.reply_to, item.task.id, *stored, false});
    }
  }
  return announcements;
}

}  // namespace switchyard::workers
