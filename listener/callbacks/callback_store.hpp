#pragma once
// The task_callbacks rows (migrations/0018): claiming a due callback and
// recording what its delivery did. A claim moves the row's next_attempt_at past
// `lease` and counts the attempt in one statement (FOR UPDATE SKIP LOCKED), so
// that of several listeners exactly one delivers it, and a listener that dies
// mid-delivery leaves it to be claimed again when the lease ends.
#include <chrono>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::listener {

struct ClaimedCallback {
  std::string task_id;
  std::string url;
  std::string submitted_by;
  std::string task_json;             // the body: the task as GET /api/v1/tasks/{id} shows it
  int attempts = 0;                  // this one included
  std::chrono::milliseconds age{0};  // since the task's final state armed it
};

std::optional<ClaimedCallback> claim_due_callback(pqxx::connection& db,
                                                  std::chrono::milliseconds lease);

// 2xx: delivered.
void record_delivered(pqxx::connection& db, const std::string& task_id, long status);
// Another attempt after `retry_in`, or none (given up) when nullopt. `status` 0:
// no HTTP answer, `error` says why.
void record_failed(pqxx::connection& db, const std::string& task_id, long status,
                   const std::string& error, std::optional<std::chrono::milliseconds> retry_in);

}  // namespace switchyard::listener
