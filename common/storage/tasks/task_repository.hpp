#pragma once
// Every SQL statement on the tasks ledger, as prepared statements on the caller's
// connection, but lists: one statement per filter combination, planned for its
// values (task_list_statement). Batches are passed as one JSON array parameter ($1), so a window of
// hundreds of tasks costs one round trip. Writes only move a task forward (see
// task_progress() in migrations/0001_create_tasks.sql).
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/task_status.hpp"
#include "envelope/task_envelope.hpp"
#include "storage/sql_statement.hpp"

namespace switchyard::storage {

struct TaskListFilter {
  std::optional<std::string> service;
  std::optional<std::string> action;
  std::optional<std::string> status;
  std::optional<std::string> since;         // RFC 3339; submitted_at >= since
  std::optional<std::string> until;         // RFC 3339; submitted_at <= until
  std::optional<std::string> id;            // only this task (a keyed task's derived id)
  std::optional<std::string> cursor;        // id of the last task of the previous page
  std::optional<std::string> submitted_by;  // only this caller's tasks
  int limit = 50;
};

struct TaskPage {
  std::vector<std::string> items_json;  // task_json() of each task, newest first
  std::optional<std::string> next_cursor;
};

struct TaskCount {
  std::string service;
  std::string status;
  std::int64_t count = 0;
};

// Prepares the statements below on `connection` (call once per connection).
void prepare_task_statements(pqxx::connection& connection);

std::optional<std::string> find_task_json(pqxx::transaction_base& tx, const std::string& id);
// A task already submitted under an idempotency key: its view and whether it was
// the same request (service, action and payload).
struct KeyedTask {
  std::string json;
  bool same_request = false;
};
std::optional<KeyedTask> find_keyed_task(pqxx::transaction_base& tx, const std::string& id,
                                         const std::string& service, const std::string& action,
                                         const std::string& payload_json);

// The status alone, for cheap checks (cancel).
std::optional<std::string> find_task_status(pqxx::transaction_base& tx, const std::string& id);
// Newest first, by (submitted_at, id), the page after the task `filter.cursor`;
// nullopt when that task is not in the ledger (any more: purged).
std::optional<TaskPage> list_tasks(pqxx::transaction_base& tx, const TaskListFilter& filter);
// The statement list_tasks runs for `filter`, the cursor task's submitted_at as
// read from the ledger (tests EXPLAIN it).
SqlStatement task_list_statement(const TaskListFilter& filter,
                                 const std::optional<std::string>& cursor_submitted_at);
std::vector<TaskCount> count_tasks(pqxx::transaction_base& tx);

// `envelopes` is a JSON array of task envelopes (docs/protocol.md). Inserts the
// ones not yet known as queued.
void record_queued(pqxx::transaction_base& tx, const std::string& envelopes);

// The ids among `envelopes` (a JSON array of envelopes) whose task has already moved
// past running at the envelope's attempt: final (done, cancelled), or that attempt
// already failed and was scheduled again. Such a delivery must not run (exactly-once).
// Where a stored task stands.
struct StoredProgress {
  std::string id;
  domain::TaskStatus status;
  int attempts = 0;
};
std::vector<StoredProgress> find_superseded(pqxx::transaction_base& tx,
                                            const std::string& envelopes);

// Marks the envelopes' tasks running at their attempt unless they are already past
// that point. A task already running at the same attempt is marked again (its
// worker died: this is its redelivery).
void mark_running(pqxx::transaction_base& tx, const std::string& envelopes);

// `outcomes` is a JSON array of envelopes extended with status, result, error and
// started_at. Writes each outcome that moves its task forward, and an outcome of a
// task that was cancelled while a worker already ran it (the cancellation lost the
// race: the task's effect happened, so its real outcome is recorded). Returns the
// ids written.
std::vector<std::string> record_outcomes(pqxx::transaction_base& tx, const std::string& outcomes);

// Locks the rows of these tasks until the end of the transaction, in id order (two
// workers locking overlapping sets cannot deadlock), and returns where each stands.
// A task nobody has recorded yet is absent from the answer. `ids` must be UUIDs.
std::vector<StoredProgress> lock_tasks(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& ids);

// The envelope to publish to replay a dead task: its next attempt, with
// `extra_attempts` more allowed. Nullopt when the task is unknown; `status` tells
// whether it is dead.
struct Replay {
  envelope::TaskEnvelope next;
  domain::TaskStatus status;
};
std::optional<Replay> prepare_replay(pqxx::transaction_base& tx, const std::string& id,
                                     int extra_attempts);

// Ids of dead tasks of `service` (and `action`, `submitted_by` when given), oldest
// submitted first.
std::vector<std::string> dead_task_ids(pqxx::transaction_base& tx, const std::string& service,
                                       const std::optional<std::string>& action, int limit,
                                       const std::optional<std::string>& submitted_by = {});

// scheduled, queued or retrying → cancelled; false when the task is not in one of those.
bool cancel_task(pqxx::transaction_base& tx, const std::string& id);

// Deletes up to `limit` tasks that were submitted and reached a final state
// (succeeded, failed, cancelled) more than `older_than_hours` ago, oldest first;
// returns how many. `dead` tasks stay until replayed or purged by hand. The
// statement-level triggers keep the counts in step.
std::int64_t purge_finished_tasks(pqxx::transaction_base& tx, int older_than_hours, int limit);

}  // namespace switchyard::storage
