#pragma once
// Quarantine: where a worker puts the messages it must not run (again), so that a
// consumer never loops on one message and one bad message never costs the others
// of its window (docs/guarantees.md#poison-messages):
//   1. a message that does not decode as a task envelope is copied to the
//      dead-letters queue with its reason (header x-set-aside-reason), and, when
//      its task id can be read (AMQP message_id or the body's "id"), the task is
//      recorded `failed` with error type `poison`;
//   2. a task whose writes the database refuses for their content (a value out of
//      range, text PostgreSQL cannot hold) is recorded `failed` with error type
//      `validation` and the database's reason;
//   3. a redelivered task is run alone with a strike recorded first (committed);
//      a strike left over means a worker died or lost its session while running
//      that attempt, and after kMaxStrikes of them the attempt is recorded `dead`
//      (error type `poison`, replayable once the cause is fixed) instead of run.
// Every set-aside is logged once, at error level, with the task id and reason.
// A set-aside task that is a workflow's step moves its workflow on like any
// outcome (its failure policy applies); what that publishes is confirmed before
// the method returns, so the caller's ack follows it.
// Not thread-safe: the consumer's thread only.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "amqp/confirmed_sender.hpp"
#include "amqp/delivery_window.hpp"
#include "envelope/task_envelope.hpp"

namespace switchyard::workers {

class Quarantine {
 public:
  static constexpr int kMaxStrikes = 3;

  // Case 1. Returns once the copy is confirmed; the caller then acks the delivery.
  void set_aside_undecodable(pqxx::connection& db, amqp::ConfirmedSender& sender,
                             const amqp::Delivery& delivery, const std::string& reason) const;
  // Case 2.
  void set_aside_refused(pqxx::connection& db, amqp::ConfirmedSender& sender,
                         const envelope::TaskEnvelope& task, const std::string& reason) const;

  // Case 3: records a strike for this attempt; true when the attempt has had its
  // kMaxStrikes already and was set aside instead (the caller acks, runs nothing).
  bool strike_or_set_aside(pqxx::connection& db, amqp::ConfirmedSender& sender,
                           const envelope::TaskEnvelope& task) const;
  // The attempt's outcome is committed: its strikes go.
  void clear(pqxx::connection& db, const envelope::TaskEnvelope& task) const;
  // What made this try fail, kept for the reason if the attempt is set aside later.
  void note_error(pqxx::connection& db, const envelope::TaskEnvelope& task,
                  const std::string& error) const;
};

}  // namespace switchyard::workers
