#pragma once
// LedgerConsumer: the listener's loop. It consumes the ledger queue (queued
// batches and cancellations from the API) and the listener.events queue (lifecycle
// events), writes each window in one transaction through the LedgerWriter, then
// acks it with one `multiple` ack. Same delivery contract as the worker: acked only
// after commit; with the database down it lets go of the broker and waits.
#include <atomic>
#include <chrono>
#include <pqxx/pqxx>
#include <string>

#include "amqp/connection.hpp"
#include "process/reconnecting_loop.hpp"

namespace switchyard::listener {

struct LedgerConsumerOptions {
  amqp::ConnectionOptions broker;
  std::string database_url;
  std::uint16_t prefetch = 2000;
  process::ReconnectPolicy reconnect;
};

class LedgerConsumer {
 public:
  explicit LedgerConsumer(LedgerConsumerOptions options) : options_(std::move(options)) {}

  void run();
  void stop() { running_ = false; }

 private:
  void consume(amqp::Connection& broker, pqxx::connection& db);

  LedgerConsumerOptions options_;
  std::atomic<bool> running_{true};
};

}  // namespace switchyard::listener
