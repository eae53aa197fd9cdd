#include "executor.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "envelope/timestamp.hpp"
#include "logging/log_context.hpp"

namespace switchyard::workers {
namespace {

using Clock = std::chrono::steady_clock;
using domain::TaskStatus;
// statement_timeout fired (the window sets it to the task's timeout_ms).
constexpr std::string_view kQueryCanceled = "57014";

}  // namespace

bool Executor::needs_database(const envelope::TaskEnvelope& task) const {
  const TaskHandler* handler = dispatcher_.find(task.service, task.action);
  return handler != nullptr && handler->uses_database();
}

std::string Executor::lock_key(const envelope::TaskEnvelope& task) const {
  const TaskHandler* handler = dispatcher_.find(task.service, task.action);
  return handler != nullptr ? handler->lock_key(task.payload_json) : std::string();
}

envelope::TaskOutcome Executor::execute(const envelope::TaskEnvelope& task,
                                        pqxx::transaction_base* transaction) const {
  envelope::TaskOutcome outcome;
  outcome.task = task;
  outcome.started_at = envelope::now_timestamp();
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::milliseconds(task.timeout_ms);
  // Every line logged while this task runs, the handler's included, carries its id
  // and trace; the task's span is a child of the publisher's (none without one).
  const logging::LogScope log_scope(
      task.id, task.traceparent ? trace::TraceContext::continue_or_start(*task.traceparent)
                                : trace::TraceContext());
  spdlog::debug("start task_id={} service={} action={} attempt={}", task.id, task.service,
                task.action, task.attempt);
  auto fail = [&](FailureKind kind, std::string_view message, bool retryable) {
    outcome.status = TaskStatus::kFailed;
    outcome.error_json = envelope::error_json(kind, message);
    outcome.retryable = retryable;
  };
  try {
    TaskHandler* handler = dispatcher_.find(task.service, task.action);
    if (handler == nullptr) {
      throw TaskFailure(FailureKind::kNoHandler, "no handler serves " + task.routing_key(),
                        TaskFailure::Retry::kPointless);
    }
    rapidjson::Document payload;
    payload.Parse(task.payload_json.data(), task.payload_json.size());
    if (payload.HasParseError()) {
      throw TaskFailure(FailureKind::kBadPayload, "the payload is not JSON",
                        TaskFailure::Retry::kPointless);
    }
    TaskContext context{task, payload, deadline, transaction, {}, {}};
    outcome.result_json = handler->handle(context);
    if (Clock::now() > deadline) {
      outcome.result_json.clear();
      throw TaskFailure(FailureKind::kTimeout, "the task ran longer than its timeout_ms");
    }
    outcome.status = TaskStatus::kSucceeded;
    outcome.events = std::move(context.events);
    outcome.follow_ups = std::move(context.follow_ups);
  } catch (const TaskFailure& e) {
    fail(e.kind(), e.what(), e.retryable());
    outcome.retry_after = e.retry_after();
  } catch (const pqxx::broken_connection&) {
    throw;  // not the task's fault: the consumer reconnects and the task runs again
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() == kQueryCanceled) {
      fail(FailureKind::kTimeout, "the task ran longer than its timeout_ms (statement cancelled)",
           true);
    } else {
      fail(FailureKind::kInternalError, e.what(), true);
    }
  } catch (const std::exception& e) {
    fail(FailureKind::kInternalError, e.what(), true);
  }
  outcome.finished_at = envelope::now_timestamp();
  const auto elapsed = Clock::now() - started;
  if (metrics_ != nullptr) metrics_->task_ran(task, elapsed);
  const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  if (outcome.status == TaskStatus::kSucceeded) {
    spdlog::debug("done task_id={} service={} action={} attempt={} elapsed_ms={} outcome=succeeded",
                  task.id, task.service, task.action, task.attempt, elapsed_ms);
  } else {
    spdlog::info(
        "fail task_id={} service={} action={} attempt={} elapsed_ms={} outcome=failed error={}",
        task.id, task.service, task.action, task.attempt, elapsed_ms, outcome.error_json);
  }
  return outcome;
}

}  // namespace switchyard::workers
