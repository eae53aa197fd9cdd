#pragma once
// The interface every task handler implements (workers/<domain>/; the domain's
// module adds one per kind of its service to the Dispatcher).
// A handler turns a payload into a result, or throws TaskFailure. Handlers that
// write domain rows say so with uses_database(): they then run inside the window's
// transaction (in their own savepoint), so their rows and the task's final state
// commit together or not at all — a redelivered task never writes twice.
#include <rapidjson/document.h>

#include <chrono>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/failure_kind.hpp"
#include "envelope/task_envelope.hpp"

namespace switchyard::workers {

using domain::FailureKind;

struct TaskContext {
  const envelope::TaskEnvelope& task;
  const rapidjson::Value& payload;
  std::chrono::steady_clock::time_point deadline;  // the task's timeout_ms from its start
  // The window's transaction, inside a savepoint of this task's own; set only for
  // uses_database() handlers.
  pqxx::transaction_base* transaction = nullptr;
  // Domain events (routing key, body) to publish on the events exchange once this
  // task's success is committed by this worker (never for a failure, nor for a
  // copy whose outcome another delivery recorded first): an announcement of what
  // the task changed, published by the process that made the change, whether or
  // not anyone still waits for the task (plugin.loaded, docs/plugins.md#events).
  std::vector<std::pair<std::string, std::string>> events;
  // Tasks to publish once this task's success is committed (the next level of an
  // escalation): written with the outcome, published with confirms before the ack,
  // and again when a redelivered copy finds the outcome committed
  // (migrations/0028, task_follow_ups). Each keeps its id, so a copy too many runs
  // once. A run_at in the future waits in the delay queues.
  std::vector<envelope::TaskEnvelope> follow_ups;

  std::chrono::milliseconds time_left() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                 std::chrono::steady_clock::now());
  }
};

// A failure the handler reports on purpose; its kind is the `type` of the task's
// error ({"type","message"}). A failure that no retry can fix (the payload is
// wrong) is not retryable: the task fails at once instead of retrying. A
// retryable one may say how long the next attempt should wait at least (a
// service's Retry-After, as Sidekiq's `sidekiq_retry_in` or Celery's
// `retry(countdown=)`); the retry policy waits the longer of that and its backoff.
class TaskFailure : public std::runtime_error {
 public:
  enum class Retry { kAllowed, kPointless };

  TaskFailure(domain::FailureKind kind, const std::string& message, Retry retry = Retry::kAllowed,
              std::chrono::milliseconds retry_after = std::chrono::milliseconds(0))
      : std::runtime_error(message), kind_(kind), retry_(retry), retry_after_(retry_after) {}
  domain::FailureKind kind() const { return kind_; }
  bool retryable() const { return retry_ == Retry::kAllowed; }
  std::chrono::milliseconds retry_after() const { return retry_after_; }

 private:
  domain::FailureKind kind_;
  Retry retry_;
  std::chrono::milliseconds retry_after_;
};

// A failure of the caller's making (or of the world outside, for good): no
// retry fixes it, the task fails at once.
inline TaskFailure caller_error(domain::FailureKind kind, const std::string& message) {
  return TaskFailure(kind, message, TaskFailure::Retry::kPointless);
}

class TaskHandler {
 public:
  virtual ~TaskHandler() = default;
  // Returns the result as JSON text. Throws TaskFailure (or any exception, reported
  // as an internal error).
  virtual std::string handle(TaskContext& context) = 0;
  virtual bool uses_database() const { return false; }
  // For uses_database() handlers whose tasks lock a row shared by other tasks
  // (the open alert group of a fingerprint): the key of that row, read from the
  // payload text. The completer runs a window's database tasks in key order
  // (stable: tasks of one key keep their order), so two windows running at once
  // lock shared rows in the same order and cannot deadlock. "" (the default):
  // nothing shared, the task keeps its place.
  virtual std::string lock_key(std::string_view /*payload_json*/) const { return {}; }
};

}  // namespace switchyard::workers
