#include "completer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <unordered_set>

#include "amqp/topology.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::workers {
namespace {

using envelope::TaskOutcome;

std::string event_key(const TaskOutcome& outcome) {
  return "task." + std::string(domain::to_string(outcome.status));
}

}  // namespace

bool Completer::wants_events(const envelope::TaskEnvelope& task) const {
  if (task.callback_url) return true;
  const config::ServiceConfig* service = services_.find_service(task.service);
  return service != nullptr && service->publish_events;
}

envelope::TaskOutcome Completer::run(const WindowTask& item,
                                     pqxx::transaction_base* transaction) const {
  started_.begin(item.body);
  envelope::TaskOutcome outcome = executor_.execute(item.task, transaction);
  started_.end();
  return outcome;
}

std::unordered_set<std::string> Completer::runnable(pqxx::connection& db,
                                                    const std::vector<WindowTask>& window,
                                                    const std::string& envelopes_json) const {
  std::unordered_set<std::string> ids;
  for (const auto& item : window) ids.insert(item.task.id);
  pqxx::nontransaction tx(db);
  for (const auto& id : storage::find_superseded(tx, envelopes_json)) ids.erase(id);
  return ids;
}

// The window's tasks to run: runnable ones, each id once (two messages of one task
// in a window, e.g. from a producer that published it twice, run it once).
std::vector<const WindowTask*> Completer::to_run(const std::vector<WindowTask>& window,
                                                 const std::unordered_set<std::string>& ids) {
  std::vector<const WindowTask*> tasks;
  std::unordered_set<std::string> taken;
  for (const auto& item : window) {
    if (ids.count(item.task.id) && taken.insert(item.task.id).second) tasks.push_back(&item);
  }
  return tasks;
}

void Completer::run_with_domain_writes(pqxx::dbtransaction& tx,
                                       const std::vector<const WindowTask*>& tasks,
                                       std::vector<Completed>& completed) const {
  for (const WindowTask* task : tasks) {
    const WindowTask& item = *task;
    if (!executor_.needs_database(item.task)) continue;
    pqxx::subtransaction savepoint(tx, "task");
    const auto status = storage::lock_task_status(savepoint, item.task.id);
    if (status && domain::is_final(*status)) continue;  // another delivery finished it meanwhile
    TaskOutcome outcome = run(item, &savepoint);
    if (outcome.status == domain::TaskStatus::kSucceeded) {
      savepoint.commit();
    } else {
      savepoint.abort();  // the failed task's rows go; the others' stay
    }
    completed.push_back({&item, std::move(outcome)});
  }
}

std::unordered_set<std::string> Completer::record(pqxx::transaction_base& tx,
                                                  const std::vector<Completed>& completed) {
  std::string outcomes = "[";
  for (const auto& c : completed) envelope::append_outcome_record(outcomes, c.outcome);
  outcomes.push_back(']');
  const auto written = storage::record_outcomes(tx, outcomes);
  return {written.begin(), written.end()};
}

std::vector<Announcement> Completer::complete(pqxx::connection& db,
                                              const std::vector<WindowTask>& window,
                                              const std::string& envelopes_json) const {
  const std::vector<const WindowTask*> tasks = to_run(window, runnable(db, window, envelopes_json));
  std::vector<Completed> completed;
  completed.reserve(tasks.size());
  bool domain_writes = false;
  for (const WindowTask* item : tasks) {
    if (executor_.needs_database(item->task)) {
      domain_writes = true;
    } else {
      completed.push_back({item, run(*item, nullptr)});
    }
  }

  std::unordered_set<std::string> written;
  if (domain_writes) {
    pqxx::work tx(db);
    run_with_domain_writes(tx, tasks, completed);
    written = record(tx, completed);
    tx.commit();
  } else {
    // One statement is atomic by itself: no BEGIN and COMMIT round trips.
    pqxx::nontransaction tx(db);
    written = record(tx, completed);
  }
  return announce(db, window, completed, written);
}

std::vector<Announcement> Completer::announce(
    pqxx::connection& db, const std::vector<WindowTask>& window,
    const std::vector<Completed>& completed, const std::unordered_set<std::string>& written) const {
  std::vector<Announcement> announcements;
  for (const auto& c : completed) {
    const std::string body = envelope::to_reply_json(c.outcome);
    if (!c.source->reply_to.empty()) {
      announcements.push_back({"", c.source->reply_to, c.outcome.task.id, body, false});
    }
    if (written.count(c.outcome.task.id) && wants_events(c.outcome.task)) {
      announcements.push_back(
          {amqp::kEventsExchange, event_key(c.outcome), c.outcome.task.id, body, true});
    }
  }
  // Deliveries not run (already done, or a second copy in this window): a caller may
  // still wait for the answer.
  std::unordered_set<const WindowTask*> ran;
  for (const auto& c : completed) ran.insert(c.source);
  for (const auto& item : window) {
    if (ran.count(&item) || item.reply_to.empty()) continue;
    pqxx::nontransaction read(db);
    if (auto stored = storage::find_task_json(read, item.task.id)) {
      announcements.push_back({"", item.reply_to, item.task.id, *stored, false});
    }
  }
  return announcements;
}

}  // namespace switchyard::workers
