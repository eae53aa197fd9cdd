#pragma once
// LedgerWriter: applies a window of ledger and lifecycle messages to the tasks
// table in one transaction: queued batches (from the API), lifecycle events (from
// workers that do not write PostgreSQL themselves, e.g. workers/js) and
// cancellations of tasks and workflows. Every write only moves a task forward, so the order in
// which the messages arrive does not matter. The workflows of the outcomes and cancellations it
// records move forward in the same transaction (docs/workflows.md): their next steps are for the
// caller to publish, confirmed, before it acks the window.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "amqp/delivery_window.hpp"
#include "amqp/workflow_sends.hpp"

namespace switchyard::listener {

struct LedgerWindow {
  std::string queued = "[";    // concatenated envelope arrays
  std::string outcomes = "[";  // lifecycle event bodies
  std::vector<std::string> cancellations;
  std::vector<std::string> workflow_cancellations;  // {"cancel_workflow": id}
  // Tasks of redelivered events and cancellations: the first try may have
  // committed and died before the workflow steps it readied were confirmed.
  std::vector<std::string> redelivered;
  std::size_t queued_count = 0;
  std::size_t outcome_count = 0;
};

enum class Sorted {
  kAdded,       // in the window
  kItemByItem,  // a ledger batch with an item that cannot be read: write its items alone
  kUnknown,     // none of the known kinds (the caller sets it aside)
};

// Sorts a delivery into a LedgerWindow. Never parses past kMaxEnvelopeDepth.
Sorted add_to_window(LedgerWindow& window, const amqp::Delivery& delivery);

// Adds one item of a ledger batch (one task record); false when it is not one.
bool add_queued_item(LedgerWindow& window, std::string_view item);

// Writes the window in one transaction and returns what its workflows ask to
// send. Throws pqxx exceptions; nothing is written then.
amqp::WorkflowSends write_window(pqxx::connection& db, LedgerWindow& window);

}  // namespace switchyard::listener
