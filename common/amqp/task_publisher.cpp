#include "amqp/task_publisher.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <map>
#include <unordered_map>

#include "amqp/amqp_error.hpp"
#include "amqp/topology.hpp"
#include "domain/backoff.hpp"

namespace switchyard::amqp {
namespace {

using Clock = std::chrono::steady_clock;
using PublishKind = PublishOutcome::Kind;

std::string_view view(const amqp_bytes_t& b) { return {static_cast<const char*>(b.bytes), b.len}; }

}  // namespace

struct TaskPublisher::Pending {
  std::string id;  // message id, and correlation id when waiting
  std::string exchange;
  std::string routing_key;
  std::string body;
  bool is_task = true;  // tasks go into the ledger batch and are published mandatory
  int priority = -1;
  int attempt = -1;
  std::optional<std::chrono::milliseconds> wait;
  PublishCallback callback;
  Clock::time_point deadline;  // confirm deadline, then the end of the wait
  std::optional<std::string> reply;
  bool returned = false;
};

// Everything below is touched by the publisher thread only.
struct TaskPublisher::State {
  std::uint64_t next_tag = 1;
  std::map<std::uint64_t, std::unique_ptr<Pending>> unconfirmed;  // by delivery tag
  std::map<std::uint64_t, std::size_t> unconfirmed_ledgers;       // tag → tasks in the batch
  std::unordered_map<std::string, Pending*> by_id;                // for returns and replies
  std::unordered_map<std::string, std::unique_ptr<Pending>> awaiting_reply;
  std::multimap<Clock::time_point, std::string> wait_deadlines;
  std::string ledger = "[";  // envelopes of tasks confirmed since the last ledger message
  std::size_t ledger_count = 0;

  void add_to_ledger(const Pending& p) {
    if (ledger_count++ > 0) ledger.push_back(',');
    ledger.append(p.body);
  }

  void resolve(std::unique_ptr<Pending> p, PublishOutcome outcome) {
    by_id.erase(p->id);
    p->callback(std::move(outcome));
  }

  void on_confirm(std::uint64_t tag, bool ok) {
    if (auto batch = unconfirmed_ledgers.find(tag); batch != unconfirmed_ledgers.end()) {
      if (!ok) spdlog::error("broker nacked a ledger batch of {} tasks", batch->second);
      unconfirmed_ledgers.erase(batch);
      return;
    }
    auto it = unconfirmed.find(tag);
    if (it == unconfirmed.end()) return;  // already failed by the confirm timeout
    std::unique_ptr<Pending> p = std::move(it->second);
    unconfirmed.erase(it);
    if (!ok || p->returned) {
      std::string reason = p->returned ? "unroutable" : "nack";
      resolve(std::move(p), {PublishKind::kFailed, {}, std::move(reason)});
      return;
    }
    if (p->is_task) add_to_ledger(*p);
    if (p->reply) {
      std::string reply = std::move(*p->reply);
      resolve(std::move(p), {PublishKind::kReply, std::move(reply), {}});
    } else if (p->wait) {
      p->deadline = Clock::now() + *p->wait;
      wait_deadlines.emplace(p->deadline, p->id);
      std::string id = p->id;
      awaiting_reply.emplace(std::move(id), std::move(p));
    } else {
      resolve(std::move(p), {PublishKind::kConfirmed, {}, {}});
    }
  }

  void on_confirm_range(std::uint64_t tag, bool multiple, bool ok) {
    if (!multiple) return on_confirm(tag, ok);
    std::vector<std::uint64_t> tags;
    for (auto it = unconfirmed.begin(); it != unconfirmed.end() && it->first <= tag; ++it) {
      tags.push_back(it->first);
    }
    for (auto it = unconfirmed_ledgers.begin(); it != unconfirmed_ledgers.end() && it->first <= tag;
         ++it) {
      tags.push_back(it->first);
    }
    for (auto t : tags) on_confirm(t, ok);
  }

  void on_reply(const std::string& correlation_id, std::string body) {
    auto known = by_id.find(correlation_id);
    if (known == by_id.end()) return;  // the caller stopped waiting
    if (auto it = awaiting_reply.find(correlation_id); it != awaiting_reply.end()) {
      std::unique_ptr<Pending> p = std::move(it->second);
      awaiting_reply.erase(it);
      resolve(std::move(p), {PublishKind::kReply, std::move(body), {}});
    } else {
      known->second->reply = std::move(body);  // the reply beat the confirm
    }
  }

  void expire(Clock::time_point now) {
    while (!unconfirmed.empty() && unconfirmed.begin()->second->deadline <= now) {
      std::unique_ptr<Pending> p = std::move(unconfirmed.begin()->second);
      unconfirmed.erase(unconfirmed.begin());
      resolve(std::move(p), {PublishKind::kFailed, {}, "confirm_timeout"});
    }
    while (!wait_deadlines.empty() && wait_deadlines.begin()->first <= now) {
      auto it = awaiting_reply.find(wait_deadlines.begin()->second);
      wait_deadlines.erase(wait_deadlines.begin());
      if (it == awaiting_reply.end()) continue;
      std::unique_ptr<Pending> p = std::move(it->second);
      awaiting_reply.erase(it);
      resolve(std::move(p), {PublishKind::kWaitTimeout, {}, {}});
    }
  }

  std::optional<Clock::time_point> next_deadline() const {
    std::optional<Clock::time_point> next;
    if (!unconfirmed.empty()) next = unconfirmed.begin()->second->deadline;
    if (!wait_deadlines.empty() && (!next || wait_deadlines.begin()->first < *next)) {
      next = wait_deadlines.begin()->first;
    }
    return next;
  }

  // The connection is gone: unconfirmed tasks were not accepted; confirmed ones
  // waiting for a reply were, but the reply can no longer reach this channel.
  void drop_connection(const std::string& reason) {
    auto unconfirmed_now = std::move(unconfirmed);
    unconfirmed.clear();
    for (auto& [tag, p] : unconfirmed_now) {
      resolve(std::move(p), {PublishKind::kFailed, {}, reason});
    }
    auto waiting_now = std::move(awaiting_reply);
    awaiting_reply.clear();
    for (auto& [id, p] : waiting_now) resolve(std::move(p), {PublishKind::kWaitTimeout, {}, {}});
    unconfirmed_ledgers.clear();
    wait_deadlines.clear();
    ledger = "[";
    ledger_count = 0;
    by_id.clear();
    next_tag = 1;
  }
};

TaskPublisher::TaskPublisher(TaskPublisherOptions options, const config::ServicesConfig& services)
    : options_(std::move(options)), services_(services), state_(std::make_unique<State>()) {
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw std::runtime_error("eventfd failed");
}

TaskPublisher::~TaskPublisher() {
  stop();
  ::close(wake_fd_);
}

void TaskPublisher::start() {
  if (running_.exchange(true)) return;
  thread_ = std::thread([this] { run(); });
}

void TaskPublisher::stop() {
  if (!running_.exchange(false)) return;
  wake();
  if (thread_.joinable()) thread_.join();
  state_->drop_connection("shutdown");
  fail_handed_over("shutdown");
}

void TaskPublisher::publish(const envelope::TaskEnvelope& task,
                            std::optional<std::chrono::milliseconds> wait,
                            PublishCallback callback) {
  auto pending = std::make_unique<Pending>();
  pending->id = task.id;
  pending->exchange = kTasksExchange;
  pending->routing_key = task.routing_key();
  pending->body = envelope::to_json(task);
  pending->priority = task.priority;
  pending->attempt = task.attempt;
  pending->wait = wait;
  pending->callback = std::move(callback);
  hand_over(std::move(pending));
}

void TaskPublisher::publish_message(std::string id, std::string exchange, std::string routing_key,
                                    std::string body, PublishCallback callback) {
  auto pending = std::make_unique<Pending>();
  pending->id = std::move(id);
  pending->exchange = std::move(exchange);
  pending->routing_key = std::move(routing_key);
  pending->body = std::move(body);
  pending->is_task = false;
  pending->callback = std::move(callback);
  hand_over(std::move(pending));
}

void TaskPublisher::hand_over(std::unique_ptr<Pending> pending) {
  if (!connected()) {
    pending->callback({PublishKind::kFailed, {}, "broker_unavailable"});
    return;
  }
  std::unique_ptr<Pending> refused;
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
  std::vector<std::unique_ptr<Pending>> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(handed_over_);
  }
  for (auto& p : batch) p->callback({PublishKind::kFailed, {}, reason});
}

void TaskPublisher::run() {
  domain::Backoff backoff(options_.reconnect_base, options_.reconnect_cap);
  while (running_) {
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
      state_->drop_connection("connection_lost");
      fail_handed_over("broker_unavailable");
      if (was_connected || backoff.attempts() == 0) {
        spdlog::warn("publisher lost the broker: {}; reconnecting", e.what());
      }
    }
    if (!running_) break;
    // Wait before the next attempt; a publish during the wait fails fast.
    const auto until = Clock::now() + backoff.next();
    while (running_ && Clock::now() < until) {
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
  std::vector<std::unique_ptr<Pending>> batch;
  try {
    publish_loop(connection, batch);
  } catch (...) {
    for (auto& p : batch) {  // taken from the hand-over but not yet published
      if (p) p->callback({PublishKind::kFailed, {}, "connection_lost"});
    }
    throw;
  }
}

void TaskPublisher::publish_loop(Connection& connection,
                                 std::vector<std::unique_ptr<Pending>>& batch) {
  State& s = *state_;
  while (running_) {
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
        if (p->wait) {
          props.correlation_id = p->id;
          props.reply_to = kDirectReplyTo;
        }
        connection.publish(p->exchange, p->routing_key, p->body, props, /*mandatory=*/p->is_task);
        p->deadline = confirm_deadline;
        s.by_id.emplace(p->id, p.get());
        s.unconfirmed.emplace(s.next_tag++, std::move(p));
      }
      batch.clear();
    }

    // Read every frame already available, without blocking.
    for (;;) {
      amqp_frame_t frame;
      timeval zero{0, 0};
      const int rc = amqp_simple_wait_frame_noblock(connection.raw(), &frame, &zero);
      if (rc == AMQP_STATUS_TIMEOUT) break;
      check_status(rc, "reading from the broker");
      if (frame.frame_type != AMQP_FRAME_METHOD) continue;
      switch (frame.payload.method.id) {
        case AMQP_BASIC_ACK_METHOD: {
          const auto* ack = static_cast<amqp_basic_ack_t*>(frame.payload.method.decoded);
          s.on_confirm_range(ack->delivery_tag, ack->multiple != 0, true);
          break;
        }
        case AMQP_BASIC_NACK_METHOD: {
          const auto* nack = static_cast<amqp_basic_nack_t*>(frame.payload.method.decoded);
          s.on_confirm_range(nack->delivery_tag, nack->multiple != 0, false);
          break;
        }
        case AMQP_BASIC_RETURN_METHOD:
        case AMQP_BASIC_DELIVER_METHOD: {
          const bool is_return = frame.payload.method.id == AMQP_BASIC_RETURN_METHOD;
          amqp_message_t message;
          check_reply(amqp_read_message(connection.raw(), frame.channel, &message, 0),
                      "reading a message");
          const auto& props = message.properties;
          if (is_return && (props._flags & AMQP_BASIC_MESSAGE_ID_FLAG)) {
            auto it = s.by_id.find(std::string(view(props.message_id)));
            if (it != s.by_id.end()) it->second->returned = true;
          } else if (!is_return && (props._flags & AMQP_BASIC_CORRELATION_ID_FLAG)) {
            s.on_reply(std::string(view(props.correlation_id)), std::string(view(message.body)));
          }
          amqp_destroy_message(&message);
          break;
        }
        case AMQP_CHANNEL_CLOSE_METHOD:
        case AMQP_CONNECTION_CLOSE_METHOD:
          throw AmqpError("the broker closed the connection");
        default:
          break;
      }
    }
    // One ledger message for every task confirmed in this turn: a task the broker
    // refused never shows as queued.
    if (s.ledger_count > 0) {
      s.ledger.push_back(']');
      connection.publish("", kLedgerQueue, s.ledger, MessageProperties{});
      s.unconfirmed_ledgers.emplace(s.next_tag++, s.ledger_count);
      s.ledger = "[";
      s.ledger_count = 0;
    }
    amqp_maybe_release_buffers(connection.raw());
    s.expire(Clock::now());

    // Sleep until a hand-over, a frame or the next deadline (at most 1 s, so that
    // heartbeats keep flowing on an idle connection).
    int timeout_ms = 1000;
    if (auto next = s.next_deadline()) {
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
}

}  // namespace switchyard::amqp
