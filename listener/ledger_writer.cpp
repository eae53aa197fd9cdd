#include "ledger_writer.hpp"

#include <rapidjson/document.h>

#include "amqp/topology.hpp"
#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "json/shallow_scan.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/workflows/workflow_repository.hpp"

namespace switchyard::listener {
namespace {

void append_array_items(std::string& out, std::size_t& count, std::string_view array) {
  // `array` is "[...]" with any whitespace around; an empty one adds nothing.
  const std::size_t open = array.find('[');
  const std::size_t close = array.rfind(']');
  const std::string_view items = array.substr(open + 1, close - open - 1);
  if (items.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  if (count++ > 0) out.push_back(',');
  out.append(items);
}

// The whole string: an id that is a UUID only up to a \u0000 is not one.
bool is_uuid(const rapidjson::Value& value) {
  return value.IsString() &&
         envelope::is_valid_uuid(std::string_view(value.GetString(), value.GetStringLength()));
}

bool is_task_record(const rapidjson::Value& item) {
  return item.IsObject() && item.HasMember("id") && is_uuid(item["id"]);
}

// RapidJSON stops reading at a raw NUL byte and ignores what follows, which would
// reach PostgreSQL in the window's text (libpq ends a parameter at the NUL and
// drops the records after it without an error).
bool has_nul_byte(std::string_view text) { return text.find('\0') != std::string_view::npos; }

}  // namespace

Sorted add_to_window(LedgerWindow& window, const amqp::Delivery& delivery) {
  // A copy of a final event that this window (or another) records.
  if (delivery.routing_key == amqp::kTaskCompletedEvent) return Sorted::kAdded;
  const bool ledger = delivery.routing_key == amqp::kLedgerQueue;
  // Checked before the recursive parse, whose stack a deeper body would overflow;
  // a batch holds records one level down.
  if (json::nests_deeper_than(delivery.body, envelope::kMaxEnvelopeDepth + 1) ||
      has_nul_byte(delivery.body)) {
    return ledger ? Sorted::kItemByItem : Sorted::kUnknown;
  }
  rapidjson::Document doc;
  doc.Parse(delivery.body.data(), delivery.body.size());
  if (doc.HasParseError()) return ledger ? Sorted::kItemByItem : Sorted::kUnknown;
  if (ledger && doc.IsArray()) {
    for (const auto& item : doc.GetArray()) {
      if (!is_task_record(item)) return Sorted::kItemByItem;
    }
    append_array_items(window.queued, window.queued_count, delivery.body);
    return Sorted::kAdded;
  }
  if (!doc.IsObject()) return Sorted::kUnknown;
  if (auto cancel = doc.FindMember("cancel"); cancel != doc.MemberEnd()) {
    if (!is_uuid(cancel->value)) return Sorted::kUnknown;
    window.cancellations.emplace_back(cancel->value.GetString());
    if (delivery.redelivered) window.redelivered.emplace_back(cancel->value.GetString());
    return Sorted::kAdded;
  }
  if (auto cancel = doc.FindMember("cancel_workflow"); cancel != doc.MemberEnd()) {
    if (!is_uuid(cancel->value)) return Sorted::kUnknown;
    window.workflow_cancellations.emplace_back(cancel->value.GetString());
    return Sorted::kAdded;
  }
  if (doc.HasMember("id") && doc.HasMember("status") && is_uuid(doc["id"])) {
    if (window.outcome_count++ > 0) window.outcomes.push_back(',');
    window.outcomes.append(delivery.body);
    if (delivery.redelivered) window.redelivered.emplace_back(doc["id"].GetString());
    return Sorted::kAdded;
  }
  return Sorted::kUnknown;
}

bool add_queued_item(LedgerWindow& window, std::string_view item) {
  if (json::nests_deeper_than(item, envelope::kMaxEnvelopeDepth) || has_nul_byte(item)) {
    return false;
  }
  rapidjson::Document doc;
  doc.Parse(item.data(), item.size());
  if (doc.HasParseError() || !is_task_record(doc)) return false;
  if (window.queued_count++ > 0) window.queued.push_back(',');
  window.queued.append(item);
  return true;
}

amqp::WorkflowSends write_window(pqxx::connection& db, LedgerWindow& window) {
  window.queued.push_back(']');
  window.outcomes.push_back(']');
  pqxx::work tx(db);
  // A window of queued records only need not wait for the WAL flush: losing one in
  // a database crash hides a task until its worker records the outcome, which it
  // does with a synchronous commit. Outcomes and cancellations stay synchronous.
  if (window.outcome_count == 0 && window.cancellations.empty() &&
      window.workflow_cancellations.empty()) {
    tx.exec0("SET LOCAL synchronous_commit = off");
  }
  if (window.queued_count > 0) storage::record_queued(tx, window.queued);
  // Recorded outcomes and cancelled tasks may be workflow steps.
  std::vector<std::string> changed;
  if (window.outcome_count > 0) changed = storage::record_outcomes(tx, window.outcomes);
  for (const auto& id : window.cancellations) {
    if (storage::cancel_task(tx, id)) changed.push_back(id);
  }
  // A workflow's id is its start task's: advancing it announces the cancellation.
  for (const auto& id : window.workflow_cancellations) {
    if (storage::workflows::cancel_workflow(tx, id)) changed.push_back(id);
  }
  amqp::WorkflowSends sends;
  amqp::add_workflow_sends(storage::workflows::advance_workflows(tx, changed, {}), sends);
  // As the worker does for a redelivered task (Completer::runnable).
  amqp::add_workflow_sends(storage::workflows::republish_workflow_steps(tx, window.redelivered),
                           sends);
  tx.commit();
  return sends;
}

}  // namespace switchyard::listener
