#include "storage/tasks/task_repository.hpp"

#include <fmt/format.h>

namespace switchyard::storage {
namespace {

constexpr const char* kFindJson = "tasks_find_json";
constexpr const char* kFindStatus = "tasks_find_status";
constexpr const char* kCursorPosition = "tasks_cursor_position";
constexpr const char* kCount = "tasks_count";
constexpr const char* kRecordQueued = "tasks_record_queued";
constexpr const char* kFindSuperseded = "tasks_find_superseded";
constexpr const char* kMarkRunning = "tasks_mark_running";
constexpr const char* kRecordOutcomes = "tasks_record_outcomes";
constexpr const char* kCancel = "tasks_cancel";
constexpr const char* kLockStatus = "tasks_lock_status";
constexpr const char* kReplaySource = "tasks_replay_source";
constexpr const char* kDeadIds = "tasks_dead_ids";
constexpr const char* kFindKeyed = "tasks_find_keyed";

// Batches arrive as $1, a JSON array of task_record (migrations/0001); a batch may
// hold one task twice (a producer that published it twice): DISTINCT ON keeps the
// furthest, so one statement never updates a row twice.

// Task lists: one statement per filter combination, sent unnamed so PostgreSQL
// plans it for its values every time (migrations/0014 has an index for each
// filter). The catch-all prepared form, `($1 IS NULL OR service = $1) AND ...`,
// got one generic plan for every combination, which walked the whole primary key
// whenever fewer rows than the limit matched (issue #24). Newest first by
// (submitted_at, id): ids of tasks with an idempotency key are not time-ordered.
constexpr const char* kListSelect = "SELECT task_json(t)::text, id FROM tasks t WHERE true";
constexpr const char* kListOrder = " ORDER BY submitted_at DESC, id DESC LIMIT ";
constexpr const char* kCursorPositionSql = "SELECT submitted_at::text FROM tasks WHERE id = $1";

constexpr const char* kCountSql = R"(
SELECT service, status, sum(n)::bigint FROM task_counts
 GROUP BY service, status HAVING sum(n) <> 0
 ORDER BY service, status)";

constexpr const char* kRecordQueuedSql = R"(
INSERT INTO tasks (id, service, action, status, attempts, max_attempts, priority, timeout_ms,
                   payload, idempotency_key, callback_url, submitted_by, submitted_at, trace_id,
                   run_at)
SELECT r.id, r.service, r.action, CASE WHEN r.run_at > now() THEN 'scheduled' ELSE 'queued' END, 0,
       coalesce(r.max_attempts, 1), coalesce(r.priority, 0), coalesce(r.timeout_ms, 30000),
       stored_payload(r.payload, r.redact_payload), r.idempotency_key, r.callback_url,
       coalesce(r.submitted_by, ''), coalesce(r.submitted_at, now()), trace_id_of(r.traceparent),
       r.run_at
  FROM jsonb_populate_recordset(NULL::task_record, $1::jsonb) r
 ORDER BY r.id
ON CONFLICT (id) DO NOTHING)";

// Reads only id and attempt, so a window's other fields cannot make the check fail.
constexpr const char* kFindSupersededSql = R"(
SELECT t.id, t.status, t.attempts FROM tasks t
  JOIN (SELECT (e->>'id')::uuid AS id, (e->>'attempt')::int AS attempt
          FROM jsonb_array_elements($1::jsonb) e) r ON t.id = r.id
 WHERE task_progress(t.status, t.attempts) > task_progress('running', coalesce(r.attempt, 1)))";

constexpr const char* kMarkRunningSql = R"(
INSERT INTO tasks AS t (id, service, action, status, attempts, max_attempts, priority,
                        timeout_ms, payload, idempotency_key, callback_url, submitted_by,
                        submitted_at, started_at, trace_id)
SELECT r.id, r.service, r.action, 'running', coalesce(r.attempt, 1), coalesce(r.max_attempts, 1),
       coalesce(r.priority, 0), coalesce(r.timeout_ms, 30000), stored_payload(r.payload, r.redact_payload),
       r.idempotency_key, r.callback_url, coalesce(r.submitted_by, ''),
       coalesce(r.submitted_at, now()), now(), trace_id_of(r.traceparent)
  FROM (SELECT DISTINCT ON (id) * FROM jsonb_populate_recordset(NULL::task_record, $1::jsonb)
         ORDER BY id, attempt DESC) r
 ORDER BY r.id
ON CONFLICT (id) DO UPDATE
   SET status = 'running', attempts = EXCLUDED.attempts, started_at = now(), updated_at = now(),
       trace_id = coalesce(t.trace_id, EXCLUDED.trace_id)
 WHERE task_progress(t.status, t.attempts) <= task_progress('running', EXCLUDED.attempts))";

// A cancelled task may still take the outcome of a worker that ran it: the
// cancellation lost the race, and the task's effect happened. started_at is the
// latest attempt's start: the running mark's when it was marked (a long task),
// else the outcome's (each failed attempt keeps its own in `errors`).
constexpr const char* kRecordOutcomesSql = R"(
INSERT INTO tasks AS t (id, service, action, status, attempts, max_attempts, priority,
                        timeout_ms, payload, idempotency_key, callback_url, submitted_by,
                        submitted_at, started_at, result, error, errors, finished_at, trace_id)
SELECT r.id, r.service, r.action, r.status, coalesce(r.attempt, r.attempts, 1),
       coalesce(r.max_attempts, 1), coalesce(r.priority, 0), coalesce(r.timeout_ms, 30000),
       stored_payload(r.payload, r.redact_payload), r.idempotency_key, r.callback_url,
       coalesce(r.submitted_by, ''), coalesce(r.submitted_at, now()),
       coalesce(r.started_at, now()), r.result, r.error,
       CASE WHEN r.error IS NULL THEN '[]'::jsonb
            ELSE jsonb_build_array(r.error || jsonb_build_object(
                     'attempt', coalesce(r.attempt, r.attempts, 1), 'at', rfc3339(now()))
                     || jsonb_strip_nulls(jsonb_build_object(
                            'started_at', rfc3339(r.started_at), 'retry_delay_ms', r.retry_delay_ms)))
       END,
       CASE WHEN r.status IN ('succeeded', 'failed', 'dead', 'cancelled') THEN now() END,
       trace_id_of(r.traceparent)
  FROM (SELECT DISTINCT ON (id) * FROM jsonb_populate_recordset(NULL::task_record, $1::jsonb)
         ORDER BY id, task_progress(status, coalesce(attempt, attempts, 1)) DESC) r
 ORDER BY r.id
ON CONFLICT (id) DO UPDATE
   SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, result = EXCLUDED.result,
       error = EXCLUDED.error, errors = t.errors || EXCLUDED.errors,
       started_at = CASE WHEN t.started_at IS NULL OR EXCLUDED.attempts > t.attempts
                         THEN EXCLUDED.started_at ELSE t.started_at END,
       max_attempts = EXCLUDED.max_attempts, finished_at = EXCLUDED.finished_at,
       updated_at = now(), trace_id = coalesce(t.trace_id, EXCLUDED.trace_id)
 WHERE task_progress(t.status, t.attempts) < task_progress(EXCLUDED.status, EXCLUDED.attempts)
    OR (t.status = 'cancelled' AND EXCLUDED.status IN ('succeeded', 'failed'))
RETURNING t.id)";

constexpr const char* kCancelSql = R"(
UPDATE tasks SET status = 'cancelled', finished_at = now(), updated_at = now()
 WHERE id = $1 AND status IN ('scheduled', 'queued', 'retrying'))";

std::vector<std::string> ids_of(const pqxx::result& rows) {
  std::vector<std::string> ids;
  ids.reserve(static_cast<std::size_t>(rows.size()));
  for (const auto& row : rows) ids.push_back(row[0].as<std::string>());
  return ids;
}

}  // namespace

void prepare_task_statements(pqxx::connection& c) {
  c.prepare(kFindJson, "SELECT task_json(t)::text FROM tasks t WHERE id = $1");
  c.prepare(kFindStatus, "SELECT status FROM tasks WHERE id = $1");
  c.prepare(
      kLockStatus,
      "SELECT id, status, attempts FROM tasks WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE");
  c.prepare(kCursorPosition, kCursorPositionSql);
  c.prepare(kCount, kCountSql);
  c.prepare(kRecordQueued, kRecordQueuedSql);
  c.prepare(kFindSuperseded, kFindSupersededSql);
  c.prepare(kMarkRunning, kMarkRunningSql);
  c.prepare(kRecordOutcomes, kRecordOutcomesSql);
  c.prepare(kCancel, kCancelSql);
  c.prepare(kReplaySource,
            "SELECT t.service, t.action, t.payload::text, t.priority, t.timeout_ms, t.attempts, "
            "t.idempotency_key, t.callback_url, t.submitted_by, rfc3339(t.submitted_at), t.status, "
            "s.workflow_id, s.step_id "
            "FROM tasks t LEFT JOIN workflow_steps s ON s.task_id = t.id WHERE t.id = $1");
  c.prepare(kFindKeyed,
            "SELECT task_json(t)::text, service = $2 AND action = $3 AND payload = $4::jsonb "
            "FROM tasks t WHERE id = $1");
  c.prepare(kDeadIds,
            "SELECT id FROM tasks WHERE status = 'dead' AND service = $1 "
            "AND ($2::text IS NULL OR action = $2) "
            "AND ($4::text IS NULL OR submitted_by = $4) ORDER BY submitted_at, id LIMIT $3");
}

std::optional<std::string> find_task_json(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows = tx.exec_prepared(kFindJson, id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<KeyedTask> find_keyed_task(pqxx::transaction_base& tx, const std::string& id,
                                         const std::string& service, const std::string& action,
                                         const std::string& payload_json) {
  const pqxx::result rows = tx.exec_prepared(kFindKeyed, id, service, action, payload_json);
  if (rows.empty()) return std::nullopt;
  return KeyedTask{rows[0][0].as<std::string>(), rows[0][1].as<bool>()};
}

std::optional<std::string> find_task_status(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows = tx.exec_prepared(kFindStatus, id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

SqlStatement task_list_statement(const TaskListFilter& f,
                                 const std::optional<std::string>& cursor_submitted_at) {
  SqlStatement statement{kListSelect, {}};
  if (f.service) statement.bind("service =", *f.service, "text");
  if (f.action) statement.bind("action =", *f.action, "text");
  if (f.status) statement.bind("status =", *f.status, "text");
  if (f.submitted_by) statement.bind("submitted_by =", *f.submitted_by, "text");
  if (f.since) statement.bind("submitted_at >=", *f.since, "timestamptz");
  if (f.until) statement.bind("submitted_at <=", *f.until, "timestamptz");
  if (f.id) statement.bind("id =", *f.id, "uuid");
  if (f.cursor && cursor_submitted_at) {
    statement.values.push_back(*cursor_submitted_at);
    statement.values.push_back(*f.cursor);
    statement.sql += fmt::format(" AND (submitted_at, id) < (${}::timestamptz, ${}::uuid)",
                                 statement.values.size() - 1, statement.values.size());
  }
  // One row more than asked tells whether another page follows.
  statement.sql += kListOrder + std::to_string(f.limit + 1);
  return statement;
}

std::optional<TaskPage> list_tasks(pqxx::transaction_base& tx, const TaskListFilter& f) {
  std::optional<std::string> cursor_submitted_at;
  if (f.cursor) {
    const pqxx::result position = tx.exec_prepared(kCursorPosition, *f.cursor);
    if (position.empty()) return std::nullopt;
    cursor_submitted_at = position[0][0].as<std::string>();
  }
  const pqxx::result rows = task_list_statement(f, cursor_submitted_at).run(tx);
  TaskPage page;
  const auto limit = static_cast<pqxx::result::size_type>(f.limit);
  for (pqxx::result::size_type i = 0; i < rows.size() && i < limit; ++i) {
    page.items_json.push_back(rows[i][0].as<std::string>());
  }
  if (rows.size() > limit) page.next_cursor = rows[limit - 1][1].as<std::string>();
  return page;
}

std::vector<TaskCount> count_tasks(pqxx::transaction_base& tx) {
  std::vector<TaskCount> counts;
  for (const auto& row : tx.exec_prepared(kCount)) {
    counts.push_back(
        {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>()});
  }
  return counts;
}

namespace {

// Rows of (id, status, attempts).
std::vector<StoredProgress> progress_of(const pqxx::result& rows) {
  std::vector<StoredProgress> tasks;
  for (const auto& row : rows) {
    tasks.push_back(
        {row[0].as<std::string>(),
         domain::parse_task_status(row[1].as<std::string>()).value_or(domain::TaskStatus::kQueued),
         row[2].as<int>()});
  }
  return tasks;
}

}  // namespace

void record_queued(pqxx::transaction_base& tx, const std::string& envelopes) {
  tx.exec_prepared0(kRecordQueued, envelopes);
}

std::vector<StoredProgress> find_superseded(pqxx::transaction_base& tx,
                                            const std::string& envelopes) {
  return progress_of(tx.exec_prepared(kFindSuperseded, envelopes));
}

void mark_running(pqxx::transaction_base& tx, const std::string& envelopes) {
  tx.exec_prepared0(kMarkRunning, envelopes);
}

std::vector<std::string> record_outcomes(pqxx::transaction_base& tx, const std::string& outcomes) {
  return ids_of(tx.exec_prepared(kRecordOutcomes, outcomes));
}

std::vector<StoredProgress> lock_tasks(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& ids) {
  std::string array = "{";
  for (const auto& id : ids) {
    if (array.size() > 1) array.push_back(',');
    array += id;
  }
  array.push_back('}');
  return progress_of(tx.exec_prepared(kLockStatus, array));
}

std::optional<Replay> prepare_replay(pqxx::transaction_base& tx, const std::string& id,
                                     int extra_attempts) {
  const pqxx::result rows = tx.exec_prepared(kReplaySource, id);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  Replay replay;
  envelope::TaskEnvelope& next = replay.next;
  next.id = id;
  next.service = row[0].as<std::string>();
  next.action = row[1].as<std::string>();
  next.payload_json = row[2].as<std::string>();
  next.priority = row[3].as<int>();
  next.timeout_ms = row[4].as<int>();
  next.attempt = row[5].as<int>() + 1;
  next.max_attempts = row[5].as<int>() + extra_attempts;
  if (!row[6].is_null()) next.idempotency_key = row[6].as<std::string>();
  if (!row[7].is_null()) next.callback_url = row[7].as<std::string>();
  next.submitted_by = row[8].as<std::string>();
  next.submitted_at = row[9].as<std::string>();
  replay.status =
      domain::parse_task_status(row[10].as<std::string>()).value_or(domain::TaskStatus::kQueued);
  // A workflow's step: its success moves the workflow on (a replay resumes it).
  if (!row[11].is_null()) next.workflow_id = row[11].as<std::string>();
  if (!row[12].is_null()) next.step_id = row[12].as<std::string>();
  return replay;
}

std::vector<std::string> dead_task_ids(pqxx::transaction_base& tx, const std::string& service,
                                       const std::optional<std::string>& action, int limit,
                                       const std::optional<std::string>& submitted_by) {
  return ids_of(tx.exec_prepared(kDeadIds, service, action, limit, submitted_by));
}

std::int64_t purge_finished_tasks(pqxx::transaction_base& tx, int older_than_hours, int limit) {
  // The range on submitted_at uses its index; finished_at keeps a task that
  // finished recently after a long retry chain.
  return static_cast<std::int64_t>(
      tx.exec_params("DELETE FROM tasks WHERE id IN (SELECT id FROM tasks "
                     " WHERE submitted_at < now() - make_interval(hours => $1) "
                     "   AND status IN ('succeeded', 'failed', 'cancelled') "
                     "   AND finished_at < now() - make_interval(hours => $1) "
                     " ORDER BY submitted_at LIMIT $2)",
                     older_than_hours, limit)
          .affected_rows());
}

bool cancel_task(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_prepared(kCancel, id).affected_rows() == 1;
}

}  // namespace switchyard::storage
