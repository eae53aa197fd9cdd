#pragma once
// Completer: takes a window of tasks already received to exactly one committed
// final state each, in three steps:
//   1. claim: one statement marks the window's tasks running and returns those not
//      already final — a redelivered task whose outcome is committed is not run
//      again (its reply is re-sent from the stored state). It runs on a connection
//      with synchronous_commit off: `running` is a progress mark, not a promise (a
//      crash that loses it only means the redelivered task is claimed again), so it
//      need not wait for a WAL flush; the outcome commit in step 3 does, and it
//      flushes the claim with it;
//   2. execute: tasks without database work first, outside any transaction; then,
//      inside the window's transaction, each database task in its own savepoint
//      after locking its row (so two workers holding the same redelivered task
//      cannot both write its rows);
//   3. record every outcome in that same transaction and commit.
// The caller acks the window after complete() returns, then sends the
// announcements (replies to waiting callers, lifecycle events).
// Throws pqxx::broken_connection when the database is gone: nothing was committed
// for the window, so the caller must not ack it.
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "config/services_config.hpp"
#include "envelope/task_envelope.hpp"
#include "executor.hpp"

namespace switchyard::workers {

struct WindowTask {
  envelope::TaskEnvelope task;
  std::string reply_to;  // set when a caller waits (direct reply-to)
};

struct Announcement {
  std::string exchange;
  std::string routing_key;
  std::string correlation_id;
  std::string body;
  bool persistent = false;
};

class Completer {
 public:
  Completer(const Executor& executor, const config::ServicesConfig& services)
      : executor_(executor), services_(services) {}

  // `envelopes_json` is the JSON array of the window's envelopes, in any order.
  // `claims` is a connection with synchronous_commit off, `db` a normal one.
  std::vector<Announcement> complete(pqxx::connection& claims, pqxx::connection& db,
                                     const std::vector<WindowTask>& window,
                                     const std::string& envelopes_json) const;

 private:
  bool wants_events(const envelope::TaskEnvelope& task) const;

  const Executor& executor_;
  const config::ServicesConfig& services_;
};

}  // namespace switchyard::workers
