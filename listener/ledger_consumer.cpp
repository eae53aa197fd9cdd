#include "ledger_consumer.hpp"

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>

#include "amqp/amqp_error.hpp"
#include "amqp/delivery_window.hpp"
#include "amqp/topology.hpp"
#include "db/sql_error_kind.hpp"
#include "ledger_writer.hpp"
#include "process/reconnecting_loop.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::listener {

void LedgerConsumer::run() {
  process::run_reconnecting(running_, "listener", options_.reconnect, [this] {
    pqxx::connection db(options_.database_url);
    storage::prepare_task_statements(db);
    amqp::Connection broker(options_.broker);
    amqp::declare_listener_topology(broker);
    broker.set_prefetch(options_.prefetch);
    broker.consume(amqp::kLedgerQueue, /*no_ack=*/false);
    broker.consume(amqp::kListenerEventsQueue, /*no_ack=*/false);
    spdlog::info("listener connected: consuming {} and {}", amqp::kLedgerQueue,
                 amqp::kListenerEventsQueue);
    consume(broker, db);
  });
}

void LedgerConsumer::consume(amqp::Connection& broker, pqxx::connection& db) {
  std::vector<amqp::Delivery> deliveries;
  while (running_) {
    if (!amqp::receive_window(broker, std::size_t{options_.prefetch} * 2, std::chrono::seconds(1),
                              deliveries)) {
      continue;
    }
    LedgerWindow window;
    std::vector<const amqp::Delivery*> kept;
    for (const auto& delivery : deliveries) {
      if (add_to_window(window, delivery)) {
        kept.push_back(&delivery);
      } else {
        spdlog::error("rejecting an unknown message from {}", delivery.routing_key);
        broker.reject(delivery.tag, /*requeue=*/false);
      }
    }
    if (kept.empty()) continue;
    try {
      write_window(db, window);
      broker.ack(kept.back()->tag, /*multiple=*/true);
    } catch (const pqxx::sql_error& e) {
      // One message the database refuses must not block the others.
      if (!db::refuses_the_input(e)) throw;
      spdlog::warn("a ledger window failed ({}); writing its messages one by one", e.what());
      for (const amqp::Delivery* delivery : kept) {
        LedgerWindow single;
        add_to_window(single, *delivery);
        try {
          write_window(db, single);
          broker.ack(delivery->tag, /*multiple=*/false);
        } catch (const pqxx::sql_error& single_error) {
          if (!db::refuses_the_input(single_error)) throw;
          spdlog::error("rejecting a ledger message the database refuses: {}", single_error.what());
          broker.reject(delivery->tag, /*requeue=*/false);
        }
      }
    }
  }
}

}  // namespace switchyard::listener
