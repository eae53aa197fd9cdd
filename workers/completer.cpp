#include "completer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "amqp/topology.hpp"
#include "amqp/workflow_sends.hpp"
#include "db/savepoint_chain.hpp"
#include "domain/workflows/workflows_kinds.hpp"
#include "envelope/timestamp.hpp"
#include "outcome_messages.hpp"
#include "retry_policy.hpp"
#include "storage/tasks/follow_ups_repository.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/workflows/workflow_repository.hpp"

namespace switchyard::workers {
namespace {

using envelope::TaskOutcome;

bool in_workflow(const WindowTask* item) { return item->task.workflow_id.has_value(); }

// The start task's caller waits for the workflow's end, not for the start: the
// workflow's last step answers it (workflow_announce).
bool answers_later(const TaskOutcome& outcome) {
  return outcome.status == domain::TaskStatus::kSucceeded &&
         domain::TaskKind{outcome.task.service, outcome.task.action} == kinds::workflows::kStart;
}

// A domain task that wrote a workflow of its own in its transaction (an
// incident's orchestration): it names the workflow but is none of its steps.
bool starts_workflow(const envelope::TaskEnvelope& task) {
  return task.workflow_id && !task.step_id &&
         domain::TaskKind{task.service, task.action} != kinds::workflows::kStart;
}

void add_sends(std::vector<storage::workflows::WorkflowMessage> messages, WindowResult& result) {
  amqp::WorkflowSends sends;
  amqp::add_workflow_sends(std::move(messages), sends);
  result.follow_ups.insert(result.follow_ups.end(), std::make_move_iterator(sends.steps.begin()),
                           std::make_move_iterator(sends.steps.end()));
  for (auto& notice : sends.notices) {
    const bool event = !notice.exchange.empty();
    result.announcements.push_back({std::move(notice.exchange), std::move(notice.routing_key),
                                    std::move(notice.correlation_id), std::move(notice.body),
                                    event});
  }
}

// How long a delayed task must still wait; nullopt when it may start.
std::optional<std::chrono::milliseconds> time_to_start(const envelope::TaskEnvelope& task,
                                                       std::chrono::system_clock::time_point now) {
  if (!task.run_at) return std::nullopt;
  const auto run_at = envelope::parse_timestamp(*task.run_at);
  if (!run_at || *run_at <= now) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*run_at - now);
}

}  // namespace

bool Completer::wants_events(const envelope::TaskEnvelope& task) const {
  if (task.callback_url) return true;
  const config::ServiceConfig* service = services_.find_service(task.service);
  return service != nullptr && service->publish_events;
}

envelope::TaskOutcome Completer::run_in_transaction(const WindowTask& item,
                                                    pqxx::transaction_base& tx) const {
  const std::uint64_t token = started_.begin(item.body);
  envelope::TaskOutcome outcome = executor_.execute(item.task, &tx);
  started_.end(token);
  return outcome;
}

std::unordered_set<std::string> Completer::runnable(pqxx::connection& db,
                                                    const std::vector<WindowTask>& window,
                                                    const std::string& envelopes_json,
                                                    WindowResult& result) const {
  std::unordered_set<std::string> ids;
  for (const auto& item : window) ids.insert(item.task.id);
  pqxx::nontransaction tx(db);
  std::vector<std::string> finished_steps;
  std::vector<std::string> succeeded;
  for (const auto& stored : storage::find_superseded(tx, envelopes_json)) {
    ids.erase(stored.id);
    // This very attempt was recorded retrying or dead, but its worker may have died
    // before the retry or dead letter reached the broker: publish it again (a copy
    // too many is harmless, the next attempt's check drops it).
    const auto item = std::find_if(window.begin(), window.end(), [&](const WindowTask& w) {
      return w.task.id == stored.id && w.task.attempt == stored.attempts;
    });
    if (item == window.end()) continue;
    if (item->task.workflow_id) finished_steps.push_back(stored.id);
    if (stored.status == domain::TaskStatus::kSucceeded) succeeded.push_back(stored.id);
    spdlog::debug("superseded task_id={} attempt={} stored={} reply_to={}", stored.id,
                  item->task.attempt, domain::to_string(stored.status), item->reply_to);
    if (stored.status == domain::TaskStatus::kRetrying) {
      const config::ActionConfig* action =
          services_.find_action(item->task.service, item->task.action);
      const auto decision = decide_after_failure(
          item->task, action ? action->retry : config::RetryPolicy{}, true, rng_);
      if (decision.delay) result.follow_ups.push_back(retry_message(*item, *decision.delay));
    } else if (stored.status == domain::TaskStatus::kDead) {
      if (auto view = storage::find_task_json(tx, stored.id)) {
        result.follow_ups.push_back(dead_letter(stored.id, std::move(*view)));
      }
    }
  }
  // The steps these tasks' commits published may not have reached the broker.
  add_sends(storage::workflows::republish_workflow_steps(tx, finished_steps), result);
  // So may the follow-ups these tasks' handlers asked for.
  const auto now = std::chrono::system_clock::now();
  for (auto& body : storage::find_follow_ups(tx, succeeded)) {
    try {
      const envelope::TaskEnvelope follow_up = envelope::parse_task_envelope(body);
      result.follow_ups.push_back(follow_up_message(follow_up, std::move(body), now));
    } catch (const envelope::EnvelopeError& e) {
      // Written by keep_follow_ups from a valid envelope; never let one row hold
      // the window hostage.
      spdlog::error("kept follow-up not republished, not an envelope: {}", e.what());
    }
  }
  return ids;
}

void Completer::decide(Completed& completed, WindowResult& result) const {
  const envelope::TaskEnvelope& task = completed.outcome.task;
  const config::ActionConfig* action = services_.find_action(task.service, task.action);
  settle_failure(completed.outcome, *completed.source,
                 action ? action->retry : config::RetryPolicy{}, rng_, result.follow_ups);
}

// The window's tasks to run: runnable ones, each id once (two messages of one task
// in a window, e.g. from a producer that published it twice, run it once). A
// delayed one still early goes on to its next hop instead.
std::vector<const WindowTask*> Completer::to_run(const std::vector<WindowTask>& window,
                                                 const std::unordered_set<std::string>& ids,
                                                 WindowResult& result) {
  std::vector<const WindowTask*> tasks;
  std::unordered_set<std::string> taken;
  const auto now = std::chrono::system_clock::now();
  for (const auto& item : window) {
    if (!ids.count(item.task.id) || !taken.insert(item.task.id).second) continue;
    if (const auto wait = time_to_start(item.task, now)) {
      result.follow_ups.push_back(delay_hop_message(item, amqp::delay_hop(*wait)));
      continue;
    }
    tasks.push_back(&item);
  }
  return tasks;
}

// Two windows that lock shared rows in opposite orders would deadlock; sorting
// each window's tasks by their handlers' lock keys makes every window take them
// in one order (TaskHandler::lock_key). Stable, and a no-op when no task has a key.
void Completer::in_lock_order(std::vector<const WindowTask*>& domain) const {
  std::vector<std::pair<std::string, const WindowTask*>> keyed;
  keyed.reserve(domain.size());
  bool any = false;
  for (const WindowTask* item : domain) {
    keyed.emplace_back(executor_.lock_key(item->task), item);
    any = any || !keyed.back().first.empty();
  }
  if (!any) return;
  std::ranges::stable_sort(keyed, {}, [](const auto& k) -> const std::string& { return k.first; });
  for (std::size_t i = 0; i < keyed.size(); ++i) domain[i] = keyed[i].second;
}

void Completer::run_with_domain_writes(pqxx::work& tx, const std::vector<const WindowTask*>& tasks,
                                       std::vector<Completed>& completed) const {
  std::vector<const WindowTask*> domain;
  std::vector<std::string> ids;
  std::string bodies = "[";
  for (const WindowTask* item : tasks) {
    if (!executor_.needs_database(item->task)) continue;
    if (!domain.empty()) bodies.push_back(',');
    bodies += item->body;
    domain.push_back(item);
    ids.push_back(item->task.id);
  }
  if (domain.empty()) return;
  bodies.push_back(']');
  in_lock_order(domain);
  // Make sure the rows exist, then lock them: a second worker holding a copy of one
  // of these tasks waits here until this transaction ends, then sees it done.
  // (Locking a row the listener has not written yet would lock nothing.) One
  // statement each for the whole window: round trips, not rows, are what a domain
  // task costs here (docs/incidents.md, "Speed").
  storage::record_queued(tx, bodies);
  std::unordered_map<std::string, storage::StoredProgress> stored;
  for (auto& progress : storage::lock_tasks(tx, ids)) stored.emplace(progress.id, progress);

  db::SavepointChain units(tx);
  bool ran_any = false;
  for (const WindowTask* task : domain) {
    const WindowTask& item = *task;
    const auto found = stored.find(item.task.id);
    if (found != stored.end() &&
        domain::progress(found->second.status, found->second.attempts) >
            domain::progress(domain::TaskStatus::kRunning, item.task.attempt)) {
      continue;  // another delivery finished this attempt meanwhile
    }
    // The handler runs on this thread, inside the window's transaction, so it
    // cannot be abandoned: PostgreSQL cancels its statements at the deadline
    // instead, and the executor fails it with a timeout when it returns late.
    units.begin("SET LOCAL statement_timeout = " + std::to_string(item.task.timeout_ms));
    ran_any = true;
    TaskOutcome outcome = run_in_transaction(item, tx);
    if (outcome.status == domain::TaskStatus::kSucceeded) {
      units.keep();
    } else {
      units.undo();  // the failed task's rows (and its timeout) go; the others' stay
    }
    completed.push_back({&item, std::move(outcome)});
  }
  // The last kept task's timeout must not cut the window's own statements; one
  // reset here, not one per task.
  units.finish(ran_any ? "SET LOCAL statement_timeout = DEFAULT" : "");
}

std::unordered_set<std::string> Completer::record(pqxx::transaction_base& tx,
                                                  const std::vector<Completed>& completed) {
  std::string outcomes = "[";
  for (const auto& c : completed) envelope::append_outcome_record(outcomes, c.outcome);
  outcomes.push_back(']');
  const auto written = storage::record_outcomes(tx, outcomes);
  return {written.begin(), written.end()};
}

WindowResult Completer::complete(pqxx::connection& db, const std::vector<WindowTask>& window,
                                 const std::string& envelopes_json) const {
  WindowResult result;
  const std::vector<const WindowTask*> tasks =
      to_run(window, runnable(db, window, envelopes_json, result), result);
  std::vector<const WindowTask*> plain;
  for (const WindowTask* item : tasks) {
    if (!executor_.needs_database(item->task)) plain.push_back(item);
  }
  const bool domain_writes = plain.size() < tasks.size();
  std::vector<Completed> completed;
  completed.reserve(tasks.size());
  std::vector<TaskOutcome> outcomes = runners_.run_all(plain);
  for (std::size_t i = 0; i < plain.size(); ++i) {
    completed.push_back({plain[i], std::move(outcomes[i])});
  }

  std::unordered_set<std::string> written;
  const bool workflows = std::any_of(tasks.begin(), tasks.end(), in_workflow);
  const bool follow_ups = std::any_of(completed.begin(), completed.end(), has_follow_ups);
  if (domain_writes || workflows || follow_ups) {
    pqxx::work tx(db);
    run_with_domain_writes(tx, tasks, completed);
    for (auto& c : completed) decide(c, result);
    written = record(tx, completed);
    if (workflows) advance_workflows(tx, completed, written, result);
    keep_follow_ups(tx, completed, written, result);
    const auto commit_started = std::chrono::steady_clock::now();
    tx.commit();
    if (metrics_ != nullptr) metrics_->committed(std::chrono::steady_clock::now() - commit_started);
  } else {
    for (auto& c : completed) decide(c, result);
    // One statement is atomic by itself: no BEGIN and COMMIT round trips.
    const auto commit_started = std::chrono::steady_clock::now();
    pqxx::nontransaction tx(db);
    written = record(tx, completed);
    if (metrics_ != nullptr) metrics_->committed(std::chrono::steady_clock::now() - commit_started);
  }
  announce(db, window, completed, written, result);
  return result;
}

void Completer::keep_follow_ups(pqxx::transaction_base& tx, const std::vector<Completed>& completed,
                                const std::unordered_set<std::string>& written,
                                WindowResult& result) {
  const auto now = std::chrono::system_clock::now();
  for (const auto& c : completed) {
    if (!has_follow_ups(c) || !written.count(c.outcome.task.id)) continue;
    std::string envelopes = "[";
    for (const auto& task : c.outcome.follow_ups) {
      std::string body = envelope::to_json(task);
      if (envelopes.size() > 1) envelopes.push_back(',');
      envelopes += body;
      result.follow_ups.push_back(follow_up_message(task, std::move(body), now));
    }
    envelopes.push_back(']');
    storage::store_follow_ups(tx, c.outcome.task.id, envelopes);
  }
}

void Completer::advance_workflows(pqxx::transaction_base& tx,
                                  const std::vector<Completed>& completed,
                                  const std::unordered_set<std::string>& written,
                                  WindowResult& result) {
  std::vector<std::string> ids;
  std::vector<std::string> reply_to;
  std::vector<std::string> begun;
  for (const auto& c : completed) {
    const envelope::TaskEnvelope& task = c.outcome.task;
    if (!task.workflow_id || !domain::is_final(c.outcome.status) || !written.count(task.id)) {
      continue;
    }
    if (starts_workflow(task)) {
      if (c.outcome.status == domain::TaskStatus::kSucceeded) begun.push_back(*task.workflow_id);
      continue;
    }
    ids.push_back(task.id);
    reply_to.push_back(answers_later(c.outcome) ? c.source->reply_to : std::string());
  }
  add_sends(storage::workflows::advance_workflows(tx, ids, reply_to), result);
  add_sends(storage::workflows::begin_workflows(tx, begun), result);
}

void Completer::announce(pqxx::connection& db, const std::vector<WindowTask>& window,
                         const std::vector<Completed>& completed,
                         const std::unordered_set<std::string>& written,
                         WindowResult& result) const {
  std::unordered_set<const WindowTask*> ran;
  for (const auto& c : completed) {
    ran.insert(c.source);
    const bool was_written = written.count(c.outcome.task.id) > 0;
    if (was_written && metrics_ != nullptr) metrics_->task_recorded(c.outcome);
    if (was_written && c.outcome.status == domain::TaskStatus::kSucceeded) {
      for (const auto& [routing_key, body] : c.outcome.events) {
        result.announcements.push_back(
            {amqp::kEventsExchange, routing_key, c.outcome.task.id, body, true});
      }
    }
    if (answers_later(c.outcome)) {
      WindowTask quiet = *c.source;
      quiet.reply_to.clear();
      announce_outcome(quiet, c.outcome, was_written, wants_events(c.outcome.task),
                       result.announcements);
      continue;
    }
    announce_outcome(*c.source, c.outcome, was_written, wants_events(c.outcome.task),
                     result.announcements);
  }
  // Deliveries not run (already done, or a second copy in this window): a caller may
  // still wait for the answer.
  const auto now = std::chrono::system_clock::now();
  for (const auto& item : window) {
    if (ran.count(&item) || item.reply_to.empty()) continue;
    if (time_to_start(item.task, now)) continue;  // held for its run_at: it answers later
    if (domain::TaskKind{item.task.service, item.task.action} == kinds::workflows::kStart) continue;
    pqxx::nontransaction read(db);
    if (auto stored = storage::find_task_json(read, item.task.id)) {
      result.announcements.push_back({"", item.reply_to, item.task.id, *stored, false});
    }
  }
}

}  // namespace switchyard::workers
