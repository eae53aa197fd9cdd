#pragma once
// Completer: takes a window of tasks already received to exactly one committed
// state each:
//   0. hold: a delayed task that came back before its run_at goes to its next
//      delay hop without running and without counting an attempt
//      (docs/scheduling.md "Delayed tasks"), once the check below found it
//      still to run (a cancelled one just ends);
//   1. check: one read returns the window's tasks already past this attempt — a
//      redelivered task whose outcome is committed is not run again (its reply is
//      re-sent from the stored state, and a retry or dead letter whose publish may
//      have been lost is published again), and a cancelled task never runs;
//   2. execute: tasks without database work first, outside any transaction, side
//      by side on the RunnerPool (the StartedMarker shows the slow ones as
//      running, a task past its timeout is failed at its deadline); then, inside the window's
//      transaction, each database task in its own savepoint after locking its row
//      (so two workers holding the same redelivered task cannot both write);
//   3. decide each failure with the retry policy (retrying, dead or failed) and
//      record every outcome in that same transaction; a window holding workflow
//      tasks moves their workflows forward in it too (their next steps become
//      follow-ups), and the follow-up tasks that handlers asked for are kept
//      with their outcomes (published again for a redelivered copy); then commit.
// The caller then publishes the follow-ups (retries, dead letters) and waits for
// the broker's confirms, acks the window, and sends the announcements (replies
// to waiting callers, lifecycle events). With WorkerMetrics, each recorded outcome
// and the window's commit time are counted there.
// Throws pqxx::broken_connection when the database is gone: nothing was committed
// for the window, so the caller must not ack it.
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "amqp/confirmed_sender.hpp"
#include "config/services_config.hpp"
#include "envelope/task_envelope.hpp"
#include "executor.hpp"
#include "runner_pool.hpp"
#include "started_marker.hpp"
#include "worker_metrics.hpp"

namespace switchyard::workers {

struct WindowTask {
  envelope::TaskEnvelope task;
  std::string body;      // the envelope as received
  std::string reply_to;  // set when a caller waits (direct reply-to)
};

struct Announcement {
  std::string exchange;
  std::string routing_key;
  std::string correlation_id;
  std::string body;
  bool persistent = false;
};

struct WindowResult {
  std::vector<amqp::OutgoingMessage> follow_ups;  // confirmed before the window's ack
  std::vector<Announcement> announcements;        // sent after it
};

class Completer {
 public:
  Completer(const Executor& executor, const config::ServicesConfig& services,
            StartedMarker& started, RunnerPool& runners, WorkerMetrics* metrics = nullptr)
      : executor_(executor),
        services_(services),
        started_(started),
        runners_(runners),
        metrics_(metrics) {}

  // `envelopes_json` is the JSON array of the window's envelopes, in any order.
  WindowResult complete(pqxx::connection& db, const std::vector<WindowTask>& window,
                        const std::string& envelopes_json) const;

 private:
  bool wants_events(const envelope::TaskEnvelope& task) const;

  struct Completed {
    const WindowTask* source;
    envelope::TaskOutcome outcome;
  };

  envelope::TaskOutcome run_in_transaction(const WindowTask& item,
                                           pqxx::transaction_base& tx) const;
  std::unordered_set<std::string> runnable(pqxx::connection& db,
                                           const std::vector<WindowTask>& window,
                                           const std::string& envelopes_json,
                                           WindowResult& result) const;
  void decide(Completed& completed, WindowResult& result) const;
  static std::vector<const WindowTask*> to_run(const std::vector<WindowTask>& window,
                                               const std::unordered_set<std::string>& ids,
                                               WindowResult& result);
  void in_lock_order(std::vector<const WindowTask*>& domain) const;
  void run_with_domain_writes(pqxx::work& tx, const std::vector<const WindowTask*>& tasks,
                              std::vector<Completed>& completed) const;
  static std::unordered_set<std::string> record(pqxx::transaction_base& tx,
                                                const std::vector<Completed>& completed);
  // The workflows of the window's finished steps move on (in `tx`, after their
  // outcomes are recorded): their next steps become follow-ups.
  static void advance_workflows(pqxx::transaction_base& tx, const std::vector<Completed>& completed,
                                const std::unordered_set<std::string>& written,
                                WindowResult& result);
  // The follow-ups of the window's committed successes (TaskContext::follow_ups)
  // are kept with them in `tx` and become the window's follow-ups.
  static void keep_follow_ups(pqxx::transaction_base& tx, const std::vector<Completed>& completed,
                              const std::unordered_set<std::string>& written, WindowResult& result);
  static bool has_follow_ups(const Completed& c) {
    return c.outcome.status == domain::TaskStatus::kSucceeded && !c.outcome.follow_ups.empty();
  }
  void announce(pqxx::connection& db, const std::vector<WindowTask>& window,
                const std::vector<Completed>& completed,
                const std::unordered_set<std::string>& written, WindowResult& result) const;

  const Executor& executor_;
  const config::ServicesConfig& services_;
  StartedMarker& started_;
  RunnerPool& runners_;
  WorkerMetrics* metrics_;
  mutable std::mt19937_64 rng_{std::random_device{}()};  // jitter; the consumer's thread only
};

}  // namespace switchyard::workers
