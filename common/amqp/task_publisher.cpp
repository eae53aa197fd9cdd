#include "amqp/task_publisher.hpp"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "amqp/amqp_error.hpp"
#include "amqp/confirm_reader.hpp"
#include "amqp/delay_queues.hpp"
#include "amqp/publish_tracker.hpp"
#include "amqp/topology.hpp"
#include "domain/backoff.hpp"
#include "logging/log_context.hpp"

namespace switchyard::amqp {
namespace {

using Clock = std::chrono::steady_clock;
using PublishKind = PublishOutcome::Kind;

}  // namespace

TaskPublisher::TaskPublisher(TaskPublisherOptions options, const config::ServicesConfig& services)
    : options_(std::move(options)),
      services_(services),
      tracker_(std::make_unique<PublishTracker>()),
      loop_(
          "publisher", [this] { run(); }, [this] { wake(); }) {
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw std::runtime_error("eventfd failed");
}

TaskPublisher::~TaskPublisher() {
  stop();
  ::close(wake_fd_);
}

void TaskPublisher::stop() {
  if (!loop_.stop()) return;
  tracker_->drop_connection("shutdown");
  fail_handed_over("shutdown");
}

void TaskPublisher::publish(const envelope::TaskEnvelope& task,
                            std::optional<std::chrono::milliseconds> wait, PublishCallback callback,
                            std::string delay_step) {
  auto pending = std::make_unique<PendingPublish>();
  pending->id = task.id;
  pending->exchange = delay_step.empty() ? kTasksExchange : kDelaysExchange;
  pending->delay_step = std::move(delay_step);
  pending->routing_key = task.routing_key();
  // An envelope without a trace joins the publishing thread's (the API request's,
  // the task's that publishes it): its parent is that span.
  const trace::TraceContext& thread_trace = logging::current_context().trace();
  if (task.traceparent || !thread_trace.valid()) {
    pending->body = envelope::to_json(task);
  } else {
    envelope::TaskEnvelope stamped = task;
    stamped.traceparent = thread_trace.header();
    pending->body = envelope::to_json(stamped);
  }
  pending->priority = task.priority;
  pending->attempt = task.attempt;
  pending->wait = wait;
  pending->callback = std::move(callback);
  hand_over(std::move(pending));
}

void TaskPublisher::publish_message(std::string id, std::string exchange, std::string routing_key,
                                    std::string body, PublishCallback callback) {
  auto pending = std::make_unique<PendingPublish>();
  pending->id = std::move(id);
  pending->exchange = std::move(exchange);
  pending->routing_key = std::move(routing_key);
  pending->body = std::move(body);
  pending->is_task = false;
  pending->callback = std::move(callback);
  hand_over(std::move(pending));
}

void TaskPublisher::hand_over(std::unique_ptr<PendingPublish> pending) {
  if (!connected()) {
    pending->callback({PublishKind::kFailed, {}, "broker_unavailable"});
    return;
  }
  std::unique_ptr<PendingPublish> refused;
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    if (handed_over_.size() >= options_.max_pending) {
      refused = std::move(pending);
    } else {
      first = handed_over_.empty();
      handed_over_.push_back(std::move(pending));
    }
  }
  if (refused) {
    refused->callback({PublishKind::kFailed, {}, "overloaded"});
    return;
  }
  // Only the first hand-over since the publisher's last take needs to wake it: it
  // checks the hand-over list again before it sleeps. Under load this saves a
  // syscall and a wake-up per request.
  if (first) wake();
}

void TaskPublisher::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

void TaskPublisher::fail_handed_over(const std::string& reason) {
  Batch batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(handed_over_);
  }
  for (auto& p : batch) p->callback({PublishKind::kFailed, {}, reason});
}

void TaskPublisher::run() {
  domain::Backoff backoff(options_.reconnect_base, options_.reconnect_cap);
  while (loop_.running()) {
    try {
      Connection connection(options_.connection);
      declare_task_topology(connection, services_);
      connection.enable_confirms();
      connection.consume(kDirectReplyTo, /*no_ack=*/true);
      backoff.reset();
      connected_ = true;
      spdlog::info("publisher connected to the broker");
      run_connected(connection);
    } catch (const std::exception& e) {
      const bool was_connected = connected_.exchange(false);
      tracker_->drop_connection("connection_lost");
      fail_handed_over("broker_unavailable");
      if (was_connected || backoff.attempts() == 0) {
        spdlog::warn("publisher lost the broker: {}; reconnecting", e.what());
      }
    }
    if (!loop_.running()) break;
    // Wait before the next attempt; a publish during the wait fails fast.
    const auto until = Clock::now() + backoff.next();
    while (loop_.running() && Clock::now() < until) {
      pollfd pfd{wake_fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
      ::poll(&pfd, 1, static_cast<int>(std::max<long long>(left.count(), 0)));
      std::uint64_t drained;
      [[maybe_unused]] auto n = ::read(wake_fd_, &drained, sizeof drained);
      fail_handed_over("broker_unavailable");
    }
  }
  connected_ = false;
}

void TaskPublisher::run_connected(Connection& connection) {
  Batch batch;
  try {
    publish_loop(connection, batch);
  } catch (...) {
    for (auto& p : batch) {  // taken from the hand-over but not yet published
      if (p) p->callback({PublishKind::kFailed, {}, "connection_lost"});
    }
    throw;
  }
}

void TaskPublisher::publish_loop(Connection& connection, Batch& batch) {
  PublishTracker& tracker = *tracker_;
  ConfirmReader confirms(connection, tracker);
  while (loop_.running()) {
    {
      std::lock_guard lock(mutex_);
      batch.swap(handed_over_);
    }
    if (!batch.empty()) {
      const auto confirm_deadline = Clock::now() + options_.confirm_timeout;
      // The turn's publishes leave in full segments: per message, three send
      // calls' worth of TCP work for us and three reads for the broker otherwise.
      const CorkedPublishes corked(connection, batch.size());
      for (auto& p : batch) {
        MessageProperties props;
        props.message_id = p->id;
        props.priority = p->priority;
        props.attempt = p->attempt;
        props.delay_step = p->delay_step;
        if (p->wait) {
          props.correlation_id = p->id;
          props.reply_to = kDirectReplyTo;
        }
        connection.publish(p->exchange, p->routing_key, p->body, props, /*mandatory=*/p->is_task);
        p->deadline = confirm_deadline;
        tracker.published(std::move(p));
      }
      batch.clear();
    }
    confirms.read_available();         // every frame already here, without blocking
    tracker.flush_ledger(connection);  // the tasks confirmed in this turn, as one message
    if (tracker.take_nacked()) {
      // Fails what is unconfirmed (503) and reconnects with backoff: see take_nacked.
      throw AmqpError("the broker nacked a publish; opening a new channel");
    }
    amqp_maybe_release_buffers(connection.raw());
    tracker.expire(Clock::now());
    sleep(connection);
  }
}

void TaskPublisher::sleep(Connection& connection) {
  // At most 1 s, so that heartbeats keep flowing on an idle connection.
  int timeout_ms = 1000;
  if (auto next = tracker_->next_deadline()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*next - Clock::now());
    timeout_ms = static_cast<int>(std::clamp<long long>(left.count() + 1, 0, 1000));
  }
  {
    std::lock_guard lock(mutex_);
    if (!handed_over_.empty()) timeout_ms = 0;
  }
  if (amqp_frames_enqueued(connection.raw()) || amqp_data_in_buffer(connection.raw())) {
    timeout_ms = 0;
  }
  pollfd fds[2] = {{connection.fd(), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  if (::poll(fds, 2, timeout_ms) > 0 && (fds[1].revents & POLLIN)) {
    std::uint64_t drained;
    [[maybe_unused]] auto n = ::read(wake_fd_, &drained, sizeof drained);
  }
  if (fds[0].revents & (POLLERR | POLLHUP)) throw AmqpError("the broker connection was closed");
}

}  // namespace switchyard::amqp
