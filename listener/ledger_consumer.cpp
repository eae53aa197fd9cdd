#include "ledger_consumer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <pqxx/pqxx>

#include "amqp/amqp_error.hpp"
#include "amqp/delivery_window.hpp"
#include "amqp/topology.hpp"
#include "db/sql_error_kind.hpp"
#include "envelope/task_id.hpp"
#include "json/shallow_scan.hpp"
#include "ledger_writer.hpp"
#include "logging/log_context.hpp"
#include "process/reconnecting_loop.hpp"
#include "storage/tasks/set_aside_repository.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::listener {
namespace {

// A message redelivered this often has failed its window every time for a reason
// the database did not call the input's (a crash, a resource limit): it is then
// written alone, and set aside if it fails again.
constexpr std::int64_t kMaxDeliveries = 5;

// The ledger row of a task whose queued record the database refuses (or that cannot
// be read at all): the task is recorded failed with the reason, never left unseen.
// Its worker, which meets the same envelope, comes to the same verdict.
void set_aside_item(pqxx::connection& db, std::string_view item, const std::string& error_type,
                    const std::string& reason) {
  const auto id = json::top_level_string(item, "id");
  if (!id || !envelope::is_valid_uuid(*id)) {
    spdlog::error("dropping a ledger record without a task id: {}", reason);
    return;
  }
  storage::SetAsideTask task;
  task.id = *id;
  task.service = json::top_level_string(item, "service").value_or("");
  task.action = json::top_level_string(item, "action").value_or("");
  task.submitted_by = json::top_level_string(item, "submitted_by").value_or("");
  task.error_type = error_type;
  task.reason = reason;
  const auto traceparent = json::top_level_string(item, "traceparent");
  const auto context = traceparent ? trace::TraceContext::parse(*traceparent) : std::nullopt;
  const logging::LogScope log_scope(task.id, context.value_or(trace::TraceContext()));
  pqxx::work tx(db);
  storage::record_set_aside(tx, task);
  tx.commit();
  spdlog::error("set aside the ledger record of task_id={} service={} action={}: {}", task.id,
                task.service, task.action, task.reason);
}

// Writes `single`; when the database refuses it (or it fails again after
// kMaxDeliveries) calls `set_aside` with the reason instead of throwing.
template <typename SetAside>
void write_or_set_aside(pqxx::connection& db, LedgerWindow& single, const amqp::Delivery& delivery,
                        amqp::WorkflowSends& sends, SetAside&& set_aside) {
  try {
    amqp::WorkflowSends written = write_window(db, single);
    sends.steps.insert(sends.steps.end(), std::make_move_iterator(written.steps.begin()),
                       std::make_move_iterator(written.steps.end()));
    sends.notices.insert(sends.notices.end(), std::make_move_iterator(written.notices.begin()),
                         std::make_move_iterator(written.notices.end()));
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const pqxx::sql_error& e) {
    if (!db::refuses_the_input(e) && delivery.delivery_count < kMaxDeliveries) throw;
    set_aside(std::string(e.what()));
  }
}

constexpr std::chrono::milliseconds kConfirmTimeout{5000};

}  // namespace

void LedgerConsumer::run() {
  process::run_reconnecting(running_, "listener", options_.reconnect, [this] {
    pqxx::connection db(options_.database_url);
    storage::prepare_task_statements(db);
    amqp::Connection broker(options_.broker);
    amqp::ConfirmedSender sender(options_.broker);
    amqp::declare_listener_topology(broker);
    broker.set_prefetch(options_.prefetch);
    broker.consume(amqp::kLedgerQueue, /*no_ack=*/false);
    broker.consume(amqp::kListenerEventsQueue, /*no_ack=*/false);
    spdlog::info("listener connected: consuming {} and {}", amqp::kLedgerQueue,
                 amqp::kListenerEventsQueue);
    consume(broker, sender, db);
  });
}

void LedgerConsumer::ack_with(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                              const amqp::WorkflowSends& sends, std::uint64_t tag, bool multiple) {
  sender.send(sends.steps, kConfirmTimeout);  // the next steps on disk before the ack
  broker.ack(tag, multiple);
  for (const auto& notice : sends.notices) {
    amqp::MessageProperties props;
    props.correlation_id = notice.correlation_id;
    props.persistent = !notice.exchange.empty();
    broker.publish(notice.exchange, notice.routing_key, notice.body, props);
  }
}

void LedgerConsumer::consume(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                             pqxx::connection& db) {
  std::vector<amqp::Delivery> deliveries;
  while (running_) {
    if (!amqp::receive_window(broker, std::size_t{options_.prefetch} * 2, std::chrono::seconds(1),
                              deliveries)) {
      continue;
    }
    LedgerWindow window;
    std::vector<const amqp::Delivery*> kept;
    std::vector<const amqp::Delivery*> item_by_item;
    for (const auto& delivery : deliveries) {
      switch (add_to_window(window, delivery)) {
        case Sorted::kAdded:
          kept.push_back(&delivery);
          break;
        case Sorted::kItemByItem:
          item_by_item.push_back(&delivery);
          break;
        case Sorted::kUnknown:
          // Nothing in it names a task: there is no state to record.
          spdlog::error("set aside an unknown message from {} ({} bytes)", delivery.routing_key,
                        delivery.body.size());
          broker.reject(delivery.tag, /*requeue=*/false);
          poison(ListenerPoison::kUnknown);
          break;
      }
    }
    for (const amqp::Delivery* delivery : item_by_item) write_alone(broker, sender, db, *delivery);
    if (kept.empty()) continue;
    const bool suspect = std::any_of(kept.begin(), kept.end(), [](const amqp::Delivery* d) {
      return d->delivery_count >= kMaxDeliveries;
    });
    if (!suspect) {
      try {
        const auto started = std::chrono::steady_clock::now();
        const std::size_t records = window.queued_count + window.outcome_count +
                                    window.cancellations.size() +
                                    window.workflow_cancellations.size();
        const amqp::WorkflowSends sends = write_window(db, window);
        if (options_.metrics != nullptr) {
          options_.metrics->window_written(records, std::chrono::steady_clock::now() - started);
        }
        ack_with(broker, sender, sends, kept.back()->tag, /*multiple=*/true);
        continue;
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const pqxx::sql_error& e) {
        // One message the database refuses must not block the others.
        if (!db::refuses_the_input(e)) throw;
        spdlog::warn("a ledger window failed ({}); writing its messages one by one", e.what());
      }
    }
    for (const amqp::Delivery* delivery : kept) write_alone(broker, sender, db, *delivery);
  }
}

void LedgerConsumer::write_alone(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                                 pqxx::connection& db, const amqp::Delivery& delivery) {
  amqp::WorkflowSends sends;
  if (delivery.routing_key != amqp::kLedgerQueue) {
    LedgerWindow single;
    if (add_to_window(single, delivery) == Sorted::kAdded) {
      write_or_set_aside(db, single, delivery, sends, [this](const std::string& reason) {
        // An event is a copy: the worker that sent it committed the task's state.
        poison(ListenerPoison::kRefused);
        spdlog::error("set aside a lifecycle event the database refuses: {}", reason);
      });
    }
    ack_with(broker, sender, sends, delivery.tag, /*multiple=*/false);
    return;
  }
  // A ledger batch: each task record alone, so one bad record costs only its task.
  const auto items = json::array_items(delivery.body);
  if (!items) spdlog::error("set aside a ledger message that is not a JSON array");
  for (const std::string_view item : items.value_or(std::vector<std::string_view>{})) {
    LedgerWindow single;
    if (!add_queued_item(single, item)) {
      // The same words as the worker's, which meets the same envelope.
      poison(ListenerPoison::kUnknown);
      set_aside_item(db, item, "poison",
                     "the message does not decode as a task envelope: not an object with a task "
                     "id, or nested deeper than the envelope's limit");
      continue;
    }
    write_or_set_aside(db, single, delivery, sends, [&](const std::string& reason) {
      poison(ListenerPoison::kRefused);
      set_aside_item(db, item, "validation", "the database refuses the task: " + reason);
    });
  }
  ack_with(broker, sender, sends, delivery.tag, /*multiple=*/false);
}

}  // namespace switchyard::listener
