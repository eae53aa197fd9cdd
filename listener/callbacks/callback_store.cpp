#include "callbacks/callback_store.hpp"

namespace switchyard::listener {
namespace {

constexpr const char* kClaimSql = R"(
WITH due AS (
  SELECT task_id FROM task_callbacks
   WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= now()
   ORDER BY next_attempt_at
   LIMIT 1
   FOR UPDATE SKIP LOCKED)
UPDATE task_callbacks c
   SET attempts = c.attempts + 1, next_attempt_at = now() + make_interval(secs => $1::float8 / 1000)
  FROM due
 WHERE c.task_id = due.task_id
RETURNING c.task_id::text, c.url, c.attempts,
          (extract(epoch FROM now() - c.created_at) * 1000)::bigint)";

}  // namespace

std::optional<ClaimedCallback> claim_due_callback(pqxx::connection& db,
                                                  std::chrono::milliseconds lease) {
  pqxx::work tx(db);
  const pqxx::result claimed = tx.exec_params(kClaimSql, lease.count());
  if (claimed.empty()) return std::nullopt;
  ClaimedCallback callback;
  callback.task_id = claimed[0][0].as<std::string>();
  callback.url = claimed[0][1].as<std::string>();
  callback.attempts = claimed[0][2].as<int>();
  callback.age = std::chrono::milliseconds(claimed[0][3].as<long long>());
  // The task as it is now, with this attempt counted in its callback state.
  const pqxx::result task = tx.exec_params(
      "SELECT task_json(t)::text, t.submitted_by FROM tasks t WHERE t.id = $1", callback.task_id);
  tx.commit();
  if (task.empty()) return std::nullopt;  // purged meanwhile: the row went with it
  callback.task_json = task[0][0].as<std::string>();
  callback.submitted_by = task[0][1].as<std::string>();
  return callback;
}

void record_delivered(pqxx::connection& db, const std::string& task_id, long status) {
  pqxx::work tx(db);
  tx.exec_params(
      "UPDATE task_callbacks SET delivered_at = now(), last_status = $2, last_error = NULL "
      "WHERE task_id = $1",
      task_id, static_cast<int>(status));
  tx.commit();
}

void record_failed(pqxx::connection& db, const std::string& task_id, long status,
                   const std::string& error, std::optional<std::chrono::milliseconds> retry_in) {
  pqxx::work tx(db);
  const std::optional<std::string> answered =
      status != 0 ? std::optional(std::to_string(status)) : std::nullopt;
  const std::optional<std::string> why = error.empty() ? std::nullopt : std::optional(error);
  if (retry_in) {
    tx.exec_params(
        "UPDATE task_callbacks SET last_status = $2::int, last_error = $3, "
        "next_attempt_at = now() + make_interval(secs => $4::float8 / 1000) WHERE task_id = $1",
        task_id, answered, why, retry_in->count());
  } else {
    tx.exec_params(
        "UPDATE task_callbacks SET last_status = $2::int, last_error = $3, given_up_at = now() "
        "WHERE task_id = $1",
        task_id, answered, why);
  }
  tx.commit();
}

}  // namespace switchyard::listener
