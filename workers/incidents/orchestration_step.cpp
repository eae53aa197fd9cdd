#include "incidents/orchestration_step.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "envelope/task_id.hpp"
#include "payload_fields.hpp"

namespace switchyard::workers::incidents {
namespace {

namespace repo = storage::incidents;

// A little under the deadline, so that a request timing out still leaves the
// handler time to write its "failed" entry.
constexpr std::chrono::milliseconds kDeadlineMargin{250};
constexpr std::size_t kMaxResponseBytes = 1 << 20;

// {"step": ..., "state": ..., "attempt": n, <more>}: a timeline entry's data.
std::string entry_data(std::string_view step, std::string_view state, int attempt,
                       const std::vector<std::pair<std::string, std::string>>& more) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "step", step);
  json::string_field(w, "state", state);
  w.Key("attempt");
  w.Int(attempt);
  for (const auto& [key, value] : more) json::raw_field(w, key.c_str(), value);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string attempts_text(int n) { return n == 1 ? "1 attempt" : fmt::format("{} attempts", n); }

// A step's statements (timeline entries, links, the war room's markers) do not
// wait for the WAL flush. The step's task is recorded succeeded later by a
// synchronous commit, which flushes the WAL up to it, these writes included: a
// database crash can only lose the writes of a step not recorded yet, and that
// step runs again (docs/incidents.md, "Idempotency"). Waiting for the flush held
// the incident's row lock across it, so the steps of one incident queued on each
// other's flushes (docs/incidents.md, "Speed").
void prepare_step_connection(pqxx::connection& connection) {
  pqxx::nontransaction(connection).exec0("SET synchronous_commit = off");
  repo::prepare_orchestration_statements(connection);
}

}  // namespace

OrchestrationResources::OrchestrationResources(OrchestrationSettings settings)
    : settings_(std::move(settings)),
      pool_(db::PoolOptions{settings_.database_url, std::max(1, settings_.connections),
                            std::chrono::milliseconds(5000), settings_.statement_timeout,
                            prepare_step_connection}) {
  for (const auto* secret :
       {&settings_.integrations.slack_bot_token, &settings_.integrations.docs_token,
        &settings_.integrations.notify_token}) {
    if (!secret->empty()) secrets_.push_back(*secret);
  }
}

net::HttpSession& OrchestrationResources::http() {
  thread_local net::HttpSession session(net::HttpSessionOptions{{}, {}, kMaxResponseBytes});
  return session;
}

std::string OrchestrationResources::redact(std::string text) const {
  for (const auto& secret : secrets_) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
    }
  }
  return text;
}

std::optional<std::string> OrchestrationResources::slack_user(SlackClient& slack,
                                                              const std::string& email) {
  if (auto known = slack_users_.find(email)) return known;
  auto found = slack.find_user_by_email(email);
  if (found) slack_users_.remember(email, *found);
  return found;
}

std::chrono::milliseconds OrchestrationStep::request_timeout(const TaskContext& context) const {
  const auto left = context.time_left() - kDeadlineMargin;
  if (left.count() <= 0) {
    throw TaskFailure(FailureKind::kTimeout, "the step ran out of time (its timeout_ms)");
  }
  return std::min(settings().integrations.request_timeout, left);
}

std::string OrchestrationStep::handle(TaskContext& context) {
  const std::string incident_id = required_string(context.payload, "incident_id");
  if (!envelope::is_valid_uuid(incident_id)) throw bad_payload("incident_id", "a UUID");
  if (auto reason = not_configured()) return skip(incident_id, *reason);

  const auto& task = context.task;
  const repo::StepEntry started{fmt::format("{}: {} (attempt {} of {})", definition_.label,
                                            definition_.doing, task.attempt, task.max_attempts),
                                entry_data(definition_.name, "started", task.attempt, {})};
  const auto facts = write([&](pqxx::transaction_base& tx) {
    return repo::start_step(tx, incident_id, started, definition_.needs_on_call);
  });
  if (!facts) throw caller_error(FailureKind::kNotFound, "no incident has id " + incident_id);

  StepSuccess success;
  try {
    success = run(*facts, context);
  } catch (const TaskFailure& e) {
    TaskFailure failure(
        e.kind(), resources_->redact(e.what()),
        e.retryable() ? TaskFailure::Retry::kAllowed : TaskFailure::Retry::kPointless,
        e.retry_after());
    record_failure(incident_id, failure.what(), failure.retryable(), context);
    throw failure;
  } catch (const std::exception& e) {
    TaskFailure failure(FailureKind::kInternalError, resources_->redact(e.what()));
    record_failure(incident_id, failure.what(), true, context);
    throw failure;
  }

  auto more = success.facts;
  more.insert(more.begin(), {"link", success.link ? json::quoted(*success.link) : "null"});
  const repo::StepEntry succeeded{
      resources_->redact(fmt::format("{}: {}", definition_.label, success.message)),
      entry_data(definition_.name, "succeeded", task.attempt, more)};
  write([&](pqxx::transaction_base& tx) {
    if (definition_.link && success.link) {
      repo::finish_step(tx, incident_id, *definition_.link, *success.link, succeeded);
    } else {
      repo::record_step(tx, incident_id, succeeded);
    }
  });
  return succeeded.data_json;
}

std::string OrchestrationStep::skip(const std::string& incident_id, const std::string& reason) {
  const repo::StepEntry skipped{
      fmt::format("{}: skipped, {}", definition_.label, reason),
      json::string_object({{"step", definition_.name}, {"state", "skipped"}, {"reason", reason}})};
  if (!write([&](pqxx::transaction_base& tx) {
        return repo::record_step(tx, incident_id, skipped);
      })) {
    throw caller_error(FailureKind::kNotFound, "no incident has id " + incident_id);
  }
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("skipped");
  w.Bool(true);
  json::string_field(w, "reason", reason);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

void OrchestrationStep::record_failure(const std::string& incident_id, const std::string& reason,
                                       bool retryable, const TaskContext& context) {
  const auto& task = context.task;
  const bool retrying = retryable && task.attempt < task.max_attempts;
  const std::string outlook =
      retrying ? fmt::format("retrying (attempt {} of {})", task.attempt, task.max_attempts)
               : fmt::format("giving up after {}", attempts_text(task.attempt));
  const repo::StepEntry failed{
      fmt::format("{}: failed, {}; {}", definition_.label, reason, outlook),
      entry_data(definition_.name, "failed", task.attempt,
                 {{"reason", json::quoted(reason)}, {"retrying", retrying ? "true" : "false"}})};
  try {
    write([&](pqxx::transaction_base& tx) { repo::record_step(tx, incident_id, failed); });
  } catch (const std::exception& e) {
    // The task's own error still says why; only the timeline misses this entry.
    spdlog::warn("task_id={} service={} action={} attempt={} timeline entry not written: {}",
                 task.id, task.service, task.action, task.attempt, e.what());
  }
}

TaskFailure retryable_upstream(const std::string& reason,
                               std::optional<std::chrono::seconds> retry_after) {
  return TaskFailure(FailureKind::kUpstreamUnavailable, reason, TaskFailure::Retry::kAllowed,
                     retry_after.value_or(std::chrono::seconds(0)));
}

TaskFailure refused_upstream(const std::string& reason) {
  return caller_error(FailureKind::kUpstreamRefused, reason);
}

}  // namespace switchyard::workers::incidents
