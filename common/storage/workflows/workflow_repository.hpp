#pragma once
// SQL of workflows (migrations/0013): writing one from its validated definition,
// moving it forward in the transaction that records its tasks' outcomes, and
// reading it as the API shows it. The rules of a workflow's progress live in the
// migration's functions, so every writer (worker, listener) applies the same
// ones in one round trip.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::workflows {

// A message a workflow's progress asks for (workflow_message in the migration).
struct WorkflowMessage {
  enum class Kind {
    kPublish,  // a step's task: target = routing key; confirmed before the ack
    kEvent,    // a lifecycle event: target = workflow.<status>
    kReply,    // the answer to a waiting caller: target = its reply-to address
  };
  Kind kind = Kind::kPublish;
  std::string target;
  std::string body;  // JSON: the task envelope, or the workflow view
  std::string id;    // the task's id, or the workflow's
};

// Writes the workflow of `definition_json` (the payload of workflows.start);
// false when it exists (a redelivered start).
bool create_workflow(pqxx::transaction_base& tx, const std::string& definition_json,
                     const std::string& submitted_by,
                     const std::optional<std::string>& idempotency_key,
                     const std::string& submitted_at);

// Cancels a running workflow; its status afterwards, nullopt when unknown.
std::optional<std::string> cancel_workflow(pqxx::transaction_base& tx, const std::string& id);

// Moves forward the workflows of tasks whose outcomes `tx` just recorded.
// `reply_to` (same length as `task_ids`, "" for none) is the waiting caller of a
// workflows.start task. Task ids outside any workflow are ignored.
std::vector<WorkflowMessage> advance_workflows(pqxx::transaction_base& tx,
                                               const std::vector<std::string>& task_ids,
                                               const std::vector<std::string>& reply_to);

// Publishes the first steps of workflows that domain tasks wrote in `tx` with
// create_workflow (an incident's orchestration), once: migrations/0015.
std::vector<WorkflowMessage> begin_workflows(pqxx::transaction_base& tx,
                                             const std::vector<std::string>& workflow_ids);

// The steps to publish again for redelivered tasks whose outcomes were committed
// before (their first worker may have died before the broker confirmed them).
std::vector<WorkflowMessage> republish_workflow_steps(pqxx::transaction_base& tx,
                                                      const std::vector<std::string>& task_ids);

std::optional<std::string> find_workflow_json(pqxx::transaction_base& tx, const std::string& id);

// The status and owner alone, for cheap checks (cancel).
struct WorkflowHead {
  std::string status;
  std::string submitted_by;
};
std::optional<WorkflowHead> find_workflow_head(pqxx::transaction_base& tx, const std::string& id);

struct WorkflowListFilter {
  std::optional<std::string> status;
  std::optional<std::string> since;         // RFC 3339; submitted_at >= since
  std::optional<std::string> cursor;        // id of the last workflow of the previous page
  std::optional<std::string> submitted_by;  // only this caller's workflows
  int limit = 50;
};

struct WorkflowPage {
  std::vector<std::string> items_json;  // newest first
  std::optional<std::string> next_cursor;
};

// nullopt when the cursor names no workflow (purged, or never one).
std::optional<WorkflowPage> list_workflows(pqxx::transaction_base& tx,
                                           const WorkflowListFilter& filter);

}  // namespace switchyard::storage::workflows
