#pragma once
// LedgerConsumer: the listener's loop. It consumes the ledger queue (queued
// batches and cancellations from the API) and the listener.events queue (lifecycle
// events), writes each window in one transaction through the LedgerWriter, then
// acks it with one `multiple` ack. Same delivery contract as the worker: acked only
// after commit; with the database down it lets go of the broker and waits.
// Poison messages (docs/guarantees.md#poison-messages): a window the database
// refuses is written message by message and a ledger batch record by record, so
// a refused record costs only its own task, which is recorded `failed` with the
// reason; a message redelivered kMaxDeliveries times is written alone and set
// aside if it fails again; a message of no known kind is rejected.
#include <atomic>
#include <chrono>
#include <pqxx/pqxx>
#include <string>

#include "amqp/confirmed_sender.hpp"
#include "amqp/connection.hpp"
#include "amqp/delivery_window.hpp"
#include "amqp/workflow_sends.hpp"
#include "listener_metrics.hpp"
#include "process/reconnecting_loop.hpp"

namespace switchyard::listener {

struct LedgerConsumerOptions {
  amqp::ConnectionOptions broker;
  std::string database_url;
  std::uint16_t prefetch = 2000;
  process::ReconnectPolicy reconnect;
  ListenerMetrics* metrics = nullptr;  // windows written and set-asides, when given
};

class LedgerConsumer {
 public:
  explicit LedgerConsumer(LedgerConsumerOptions options) : options_(std::move(options)) {}

  void run();
  void stop() { running_ = false; }

 private:
  void consume(amqp::Connection& broker, amqp::ConfirmedSender& sender, pqxx::connection& db);
  // Writes one delivery apart from its window (a ledger batch record by record),
  // setting aside what the database refuses, then acks it.
  void write_alone(amqp::Connection& broker, amqp::ConfirmedSender& sender, pqxx::connection& db,
                   const amqp::Delivery& delivery);
  // Publishes the workflow steps (confirmed), acks, then sends the notices.
  static void ack_with(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                       const amqp::WorkflowSends& sends, std::uint64_t tag, bool multiple);

  void poison(ListenerPoison reason) const {
    if (options_.metrics != nullptr) options_.metrics->poison(reason);
  }

  LedgerConsumerOptions options_;
  std::atomic<bool> running_{true};
};

}  // namespace switchyard::listener
