#pragma once
// What a worker decided for one delivery of a task, and its two JSON forms: the
// record that storage::record_outcomes() writes, and the reply / lifecycle-event
// body (the task as GET /api/v1/tasks/{id} shows it).
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "domain/failure_kind.hpp"
#include "domain/task_status.hpp"
#include "envelope/task_envelope.hpp"

namespace switchyard::envelope {

struct TaskOutcome {
  TaskEnvelope task;
  domain::TaskStatus status = domain::TaskStatus::kSucceeded;
  std::string result_json;  // a JSON value, empty for null
  std::string error_json;   // {"type","message"} or empty for null
  std::string started_at;
  std::string finished_at;
  bool retryable = true;  // for a failure: may another attempt succeed? (not serialized)
  // For a retryable failure: the least the next attempt should wait (a service's
  // Retry-After; 0: the backoff alone decides). Not serialized.
  std::chrono::milliseconds retry_after{0};
  // For a retrying outcome: how long its next attempt waits (the delay queue's
  // step the retry policy chose); the ledger keeps it with the attempt's error.
  std::chrono::milliseconds retry_delay{0};
  // For a success: the domain events (routing key, body) its handler announces
  // once the outcome is committed. Not serialized.
  std::vector<std::pair<std::string, std::string>> events;
  // For a success: the tasks its handler asks to publish once the outcome is
  // committed (TaskContext::follow_ups). Not serialized.
  std::vector<TaskEnvelope> follow_ups;
};

// Appends the outcome as one element of a JSON array being built in `out`.
void append_outcome_record(std::string& out, const TaskOutcome& outcome);

std::string to_reply_json(const TaskOutcome& outcome);

// {"type": type, "message": message}
std::string error_json(std::string_view type, std::string_view message);
// {"type": to_string(kind), "message": message}: a failure of this process's own.
std::string error_json(domain::FailureKind kind, std::string_view message);

}  // namespace switchyard::envelope
