#include "quarantine.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "amqp/delay_queues.hpp"
#include "amqp/workflow_sends.hpp"
#include "envelope/task_id.hpp"
#include "json/shallow_scan.hpp"
#include "storage/tasks/set_aside_repository.hpp"
#include "storage/workflows/workflow_repository.hpp"

namespace switchyard::workers {
namespace {

constexpr std::chrono::milliseconds kConfirmTimeout{5000};

storage::SetAsideTask row_of(const envelope::TaskEnvelope& task, domain::TaskStatus status,
                             std::string error_type) {
  storage::SetAsideTask row;
  row.id = task.id;
  row.service = task.service;
  row.action = task.action;
  row.submitted_by = task.submitted_by;
  row.attempt = task.attempt;
  row.status = status;
  row.error_type = std::move(error_type);
  return row;
}

// Moves on the workflow of set-aside task `id`, if it is a step (in `tx`, after
// the set-aside is recorded); what to send once `tx` commits.
std::vector<amqp::OutgoingMessage> advance_workflow(pqxx::transaction_base& tx,
                                                    const std::string& id) {
  amqp::WorkflowSends sends;
  amqp::add_workflow_sends(storage::workflows::advance_workflows(tx, {id}, {""}), sends);
  sends.steps.insert(sends.steps.end(), sends.notices.begin(), sends.notices.end());
  return sends.steps;
}

}  // namespace

void Quarantine::set_aside_undecodable(pqxx::connection& db, amqp::ConfirmedSender& sender,
                                       const amqp::Delivery& delivery,
                                       const std::string& reason) const {
  const std::string text = "the message does not decode as a task envelope: " + reason;
  amqp::OutgoingMessage copy;
  copy.routing_key = amqp::kDeadLettersQueue;  // default exchange
  copy.body = delivery.body;
  copy.message_id = delivery.message_id;
  copy.set_aside_reason = storage::storable_text(text, 500);
  sender.send({copy}, kConfirmTimeout);

  std::optional<std::string> id;
  if (envelope::is_valid_uuid(delivery.message_id)) id = delivery.message_id;
  if (!id) id = json::top_level_string(delivery.body, "id");
  if (id && envelope::is_valid_uuid(*id)) {
    storage::SetAsideTask task;
    task.id = *id;
    const auto dot = delivery.routing_key.find('.');
    task.service = delivery.routing_key.substr(0, dot);
    task.action = dot == std::string::npos ? "" : delivery.routing_key.substr(dot + 1);
    task.submitted_by = json::top_level_string(delivery.body, "submitted_by").value_or("");
    task.error_type = "poison";
    task.reason = text;
    pqxx::work tx(db);
    storage::record_set_aside(tx, task);
    const auto follow_ups = advance_workflow(tx, task.id);
    tx.commit();
    sender.send(follow_ups, kConfirmTimeout);
  }
  spdlog::error("set aside a message from {} (task_id={}): {}", delivery.routing_key,
                id.value_or("unknown"), text);
}

void Quarantine::set_aside_refused(pqxx::connection& db, amqp::ConfirmedSender& sender,
                                   const envelope::TaskEnvelope& task,
                                   const std::string& reason) const {
  storage::SetAsideTask row = row_of(task, domain::TaskStatus::kFailed, "validation");
  row.reason = "the database refuses the task: " + reason;
  pqxx::work tx(db);
  storage::record_set_aside(tx, row);
  storage::clear_strikes(tx, task.id);
  const auto follow_ups = advance_workflow(tx, task.id);
  tx.commit();
  sender.send(follow_ups, kConfirmTimeout);
  spdlog::error("set aside task_id={} service={} action={} attempt={}: {}", task.id, task.service,
                task.action, task.attempt, row.reason);
}

bool Quarantine::strike_or_set_aside(pqxx::connection& db, amqp::ConfirmedSender& sender,
                                     const envelope::TaskEnvelope& task) const {
  pqxx::work tx(db);
  // A strike is a hint, not a promise: losing one in a database crash only delays
  // the set-aside by one delivery, so it need not wait for the WAL flush.
  tx.exec0("SET LOCAL synchronous_commit = off");
  const int earlier = storage::add_strike(tx, task.id, task.attempt);
  if (earlier < kMaxStrikes) {
    tx.commit();
    return false;
  }
  storage::SetAsideTask row = row_of(task, domain::TaskStatus::kDead, "poison");
  const auto last_error = storage::last_strike_error(tx, task.id, task.attempt);
  row.reason = fmt::format(
      "set aside after {} deliveries that ended without an outcome (the worker stopped or lost "
      "its session while running it){}",
      earlier, last_error ? "; last error: " + *last_error : "");
  tx.exec0("SET LOCAL synchronous_commit = on");
  storage::record_set_aside(tx, row);
  storage::clear_strikes(tx, task.id);
  const auto follow_ups = advance_workflow(tx, task.id);
  tx.commit();
  sender.send(follow_ups, kConfirmTimeout);
  spdlog::error("set aside task_id={} service={} action={} attempt={}: {}", task.id, task.service,
                task.action, task.attempt, row.reason);
  return true;
}

void Quarantine::clear(pqxx::connection& db, const envelope::TaskEnvelope& task) const {
  pqxx::nontransaction tx(db);
  storage::clear_strikes(tx, task.id);
}

void Quarantine::note_error(pqxx::connection& db, const envelope::TaskEnvelope& task,
                            const std::string& error) const {
  try {
    pqxx::nontransaction tx(db);
    storage::note_strike_error(tx, task.id, task.attempt, error);
  } catch (const std::exception& e) {
    spdlog::debug("could not keep the error of task_id={}: {}", task.id, e.what());
  }
}

}  // namespace switchyard::workers
