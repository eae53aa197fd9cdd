#pragma once
// OrchestrationStep: what the three steps of an incident's orchestration
// (open_war_room.cpp, create_document.cpp, notify_on_call.cpp) share. For one
// attempt of a step it
//   1. reads payload.incident_id (a UUID; anything else is a bad payload);
//   2. when the step's service is not configured, writes a "skipped" timeline
//      entry naming the missing setting and succeeds with {"skipped": true};
//   3. writes the "started" entry and reads the incident's facts in one statement
//      (an unknown incident fails at once, not_found);
//   4. runs the step (run(): the calls outside, no database);
//   5. writes the incident's link and the "succeeded" entry in one statement; or,
//      when run() threw, a "failed" entry with the reason and whether the
//      platform retries (the envelope's attempt and max_attempts), and rethrows.
// Retries are the platform's (services.yaml, delay queues): a retryable
// TaskFailure comes back as the next attempt, so every step is written to be run
// again after a failure or a crash (docs/incidents.md, "Idempotency").
//
// These handlers call the network, so they do not run in the worker's window
// transaction (uses_database() is false) but on a pooled connection of their own,
// one statement per round trip. Configured secrets never reach a timeline entry,
// a task error or a log line: every reason is redacted first.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection_pool.hpp"
#include "incidents/orchestration_settings.hpp"
#include "incidents/slack_client.hpp"
#include "incidents/slack_user_cache.hpp"
#include "net/http_session.hpp"
#include "pooled_connection.hpp"
#include "storage/incidents/orchestration_repository.hpp"
#include "task_handler.hpp"

namespace switchyard::workers::incidents {

using storage::incidents::OrchestrationFacts;

// What the three steps share in a worker: settings and database connections.
class OrchestrationResources {
 public:
  explicit OrchestrationResources(OrchestrationSettings settings);

  const OrchestrationSettings& settings() const { return settings_; }
  db::ConnectionPool& pool() { return pool_; }

  // This thread's HTTP session: its connections to the services stay open
  // between tasks. Never shared between threads.
  static net::HttpSession& http();

  // `text` with every configured token replaced by "[redacted]".
  std::string redact(std::string text) const;

  // The Slack user with this email (users.lookupByEmail, remembered for a while);
  // nullopt when Slack has none. Throws SlackError.
  std::optional<std::string> slack_user(SlackClient& slack, const std::string& email);

 private:
  OrchestrationSettings settings_;
  db::ConnectionPool pool_;
  SlackUserCache slack_users_;
  std::vector<std::string> secrets_;
};

// What a step reports when it succeeded.
struct StepSuccess {
  std::optional<std::string> link;  // the incident's new war_room_link or lid_link
  std::string message;              // the "succeeded" entry's, after "<label>: "
  // More members of the entry's data and of the task's result, as
  // {"key": JSON value text}; e.g. {"channel_id", "\"C123\""}.
  std::vector<std::pair<std::string, std::string>> facts;
};

struct StepDefinition {
  std::string_view name;   // "war_room": data.step
  std::string_view label;  // "War room": the messages' prefix
  std::string_view doing;  // "creating the Slack channel": the "started" message
  std::optional<storage::incidents::IncidentLink> link;  // the column the step fills
  bool needs_on_call = true;                             // facts.on_call is read
};

class OrchestrationStep : public TaskHandler {
 public:
  OrchestrationStep(StepDefinition definition, std::shared_ptr<OrchestrationResources> resources)
      : definition_(definition), resources_(std::move(resources)) {}

  std::string handle(TaskContext& context) final;

 protected:
  // Why the step cannot run here ("SLACK_BOT_TOKEN is not set"), or nullopt.
  virtual std::optional<std::string> not_configured() const = 0;
  // The calls outside. Throws TaskFailure (retryable or not).
  virtual StepSuccess run(const OrchestrationFacts& facts, const TaskContext& context) = 0;

  const OrchestrationSettings& settings() const { return resources_->settings(); }
  OrchestrationResources& resources() { return *resources_; }

  // How long the next HTTP request may take: INCIDENT_HTTP_TIMEOUT_MS, or less
  // when the task's deadline is nearer. Throws a retryable timeout when no time
  // is left.
  std::chrono::milliseconds request_timeout(const TaskContext& context) const;

  // Runs `write(tx)` on a pooled connection in a nontransaction (each repository
  // function is one statement); a database that cannot be reached or a pool that
  // stays busy is a retryable failure.
  template <class Write>
  auto write(Write&& write) {
    return on_pooled_connection(resources_->pool(), [&](pqxx::connection& connection) {
      pqxx::nontransaction tx(connection);
      return std::forward<Write>(write)(tx);
    });
  }

 private:
  std::string skip(const std::string& incident_id, const std::string& reason);
  void record_failure(const std::string& incident_id, const std::string& reason, bool retryable,
                      const TaskContext& context);

  StepDefinition definition_;
  std::shared_ptr<OrchestrationResources> resources_;
};

// Failures of the services outside, typed by what a retry can do; `retry_after`
// is the service's Retry-After, when it sent one.
TaskFailure retryable_upstream(const std::string& reason,
                               std::optional<std::chrono::seconds> retry_after = std::nullopt);
TaskFailure refused_upstream(const std::string& reason);

}  // namespace switchyard::workers::incidents
