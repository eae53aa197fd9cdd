#pragma once
// TaskPublisher: the API's one path to the broker. A dedicated thread owns the AMQP
// connection; request threads hand it tasks and get a callback, so no reactor
// thread ever blocks on a confirm round trip.
//
// Duties, in the order of one loop turn:
//   1. take every task handed over since the last turn, publish each to the tasks
//      exchange (persistent, mandatory);
//   2. read the broker's confirms (basic.ack/nack, possibly `multiple`), returns
//      (unroutable tasks) and direct reply-to deliveries without blocking
//      (ConfirmReader);
//   3. resolve each task exactly once: kConfirmed, kReply, kWaitTimeout or kFailed
//      (PublishTracker);
//   4. publish one ledger message carrying the envelopes of every task confirmed in
//      this turn (LedgerBatch: the listener turns it into `queued` rows; one broker
//      message for the turn instead of one copy per task, and never a row for a
//      refused task);
//   5. sleep in poll() on the socket and an eventfd until work, a frame or a
//      deadline arrives.
// A turn that saw a nack ends by reopening the connection (see
// PublishTracker::take_nacked): the tasks still unconfirmed then fail like on a
// lost connection, and the next publishes go to a fresh channel.
// Guarantees: kConfirmed/kReply/kWaitTimeout are reported only after the broker
// confirmed the task message (it is on disk). kFailed means the broker did not take
// it (down, nack, unroutable, no confirm within the confirm timeout); it may still
// have been delivered in the last case. Callbacks run on the publisher thread and
// must not block.
#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "amqp/connection.hpp"
#include "config/services_config.hpp"
#include "envelope/task_envelope.hpp"
#include "process/background_loop.hpp"

namespace switchyard::amqp {

struct PendingPublish;
class PublishTracker;

struct PublishOutcome {
  enum class Kind { kConfirmed, kReply, kWaitTimeout, kFailed };
  Kind kind = Kind::kFailed;
  std::string reply_body;  // kReply: the worker's reply (JSON)
  // kFailed: a stable label (metrics): broker_unavailable, connection_lost, nack,
  // unroutable, confirm_timeout, overloaded, shutdown.
  std::string reason;
};

// Every PublishOutcome::reason of a failure, so a metric can show each from the start.
inline constexpr std::array<std::string_view, 7> kPublishFailureReasons = {
    "broker_unavailable", "connection_lost", "nack",    "unroutable",
    "confirm_timeout",    "overloaded",      "shutdown"};

using PublishCallback = std::function<void(PublishOutcome)>;

struct TaskPublisherOptions {
  ConnectionOptions connection;
  std::chrono::milliseconds confirm_timeout{5000};
  std::chrono::milliseconds reconnect_base{100};
  std::chrono::milliseconds reconnect_cap{2000};
  std::size_t max_pending = 100000;  // hand-over queue bound: beyond it, fail fast
};

class TaskPublisher {
 public:
  TaskPublisher(TaskPublisherOptions options, const config::ServicesConfig& services);
  ~TaskPublisher();
  TaskPublisher(const TaskPublisher&) = delete;
  TaskPublisher& operator=(const TaskPublisher&) = delete;

  void start() { loop_.start(); }
  // Idempotent; safe before start(). Fails whatever is still pending.
  void stop();

  // Thread-safe. With `wait`, the callback gets the worker's reply or, once the
  // wait elapses after the confirm, kWaitTimeout. An envelope without a
  // traceparent gets the calling thread's (logging::LogContext), if any. With
  // `delay_step` (a delayed task), the task goes to the delays exchange to wait
  // that hop first.
  void publish(const envelope::TaskEnvelope& task, std::optional<std::chrono::milliseconds> wait,
               PublishCallback callback, std::string delay_step = {});

  // Thread-safe. A persistent message outside the task flow (e.g. a cancellation
  // for the listener), confirmed like a task: kConfirmed or kFailed.
  void publish_message(std::string id, std::string exchange, std::string routing_key,
                       std::string body, PublishCallback callback);

  // True while the connection is open (for /health and for failing fast).
  bool connected() const { return connected_.load(std::memory_order_relaxed); }

 private:
  using Batch = std::vector<std::unique_ptr<PendingPublish>>;

  void run();
  void run_connected(Connection& connection);
  void publish_loop(Connection& connection, Batch& batch);
  // Sleeps until a hand-over, a frame or the next deadline.
  void sleep(Connection& connection);
  void fail_handed_over(const std::string& reason);
  void hand_over(std::unique_ptr<PendingPublish> pending);
  void wake();

  TaskPublisherOptions options_;
  const config::ServicesConfig& services_;
  std::unique_ptr<PublishTracker> tracker_;  // owned by the publisher thread
  std::mutex mutex_;
  Batch handed_over_;
  int wake_fd_ = -1;
  std::atomic<bool> connected_{false};
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::amqp
