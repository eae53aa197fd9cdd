#pragma once
// TaskConsumer: the worker's main loop. It owns one AMQP connection and one
// PostgreSQL connection, consumes the queues of the services this worker serves
// (per-service prefetch), and handles deliveries in windows: everything already
// received, up to the prefetch, is completed together (one claim, one commit),
// acked with a single `multiple` ack, then announced (replies, events).
//
// Delivery contract: a message is acked only after its outcome is committed, so a
// crash at any point leads to redelivery, never to loss; the Completer makes that
// redelivery harmless. When the database is unreachable the consumer closes its
// broker connection (unacked messages return to their queue), waits for the
// database with backoff, and resumes. stop() finishes the current window first.
// Poison messages (docs/guarantees.md#poison-messages) go to the Quarantine: a
// message that does not decode, or that the database refuses, is set aside at
// once; redelivered messages run one at a time under a strike. So that a graceful
// stop (SIGTERM, a re-exec) does not hand the next worker redelivered messages,
// it cancels its consumers and completes what the broker had already pushed.
#include <atomic>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "amqp/confirmed_sender.hpp"
#include "amqp/connection.hpp"
#include "completer.hpp"
#include "config/services_config.hpp"
#include "process/reconnecting_loop.hpp"
#include "quarantine.hpp"
#include "received_window.hpp"
#include "worker_metrics.hpp"

namespace switchyard::workers {

struct TaskConsumerOptions {
  amqp::ConnectionOptions broker;
  std::string database_url;
  std::set<std::string> services;  // queues to consume
  process::ReconnectPolicy reconnect;
  // Asked after each window; true ends run() with restart_requested() set.
  std::function<bool()> must_restart;
  WorkerMetrics* metrics = nullptr;  // window sizes and set-asides, when given
};

class TaskConsumer {
 public:
  TaskConsumer(TaskConsumerOptions options, const config::ServicesConfig& services,
               const Completer& completer)
      : options_(std::move(options)), services_(services), completer_(completer) {}

  // Runs until stop(); returns after the window in progress is acked.
  void run();
  // Thread-safe, idempotent, safe before run().
  void stop() { running_ = false; }

  std::uint64_t processed() const { return processed_.load(std::memory_order_relaxed); }
  // Tasks of the window being completed now.
  int in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  bool restart_requested() const { return restart_requested_; }

 private:
  void consume(amqp::Connection& broker, amqp::ConfirmedSender& sender, pqxx::connection& db,
               const std::vector<std::string>& consumer_tags);
  // Completes, acks and announces one received window (`received` is reused).
  void complete_window(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                       pqxx::connection& db, std::vector<amqp::Delivery>& deliveries,
                       ReceivedWindow& received);
  // Completes the window's tasks one at a time, acking each (Quarantine sets the
  // refused ones aside); with `strikes`, each runs under a strike. Rethrows what
  // is not the task's fault (a lost connection) and what may pass on a later try.
  void poison(PoisonReason reason) const {
    if (options_.metrics != nullptr) options_.metrics->poison(reason);
  }
  std::vector<Announcement> complete_alone(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                                           pqxx::connection& db,
                                           const std::vector<WindowTask>& window,
                                           const std::vector<std::uint64_t>& tags, bool strikes);

  TaskConsumerOptions options_;
  const config::ServicesConfig& services_;
  const Completer& completer_;
  Quarantine quarantine_;
  std::atomic<bool> running_{true};
  std::atomic<bool> restart_requested_{false};
  std::atomic<std::uint64_t> processed_{0};
  std::atomic<int> in_flight_{0};
};

}  // namespace switchyard::workers
