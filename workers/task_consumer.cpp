#include "task_consumer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "amqp/amqp_error.hpp"
#include "amqp/delivery_window.hpp"
#include "amqp/topology.hpp"
#include "db/sql_error_kind.hpp"
#include "process/reconnecting_loop.hpp"
#include "received_window.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::workers {
namespace {

constexpr std::size_t kLoadedWindow = 32;
constexpr std::chrono::milliseconds kConfirmTimeout{5000};
constexpr std::chrono::microseconds kLinger{2000};
// After its consumers are cancelled, how long a stopping worker waits for more of
// what the broker had already pushed: it is on the wire, so it comes at once.
constexpr std::chrono::milliseconds kDrainWait{200};

}  // namespace

void TaskConsumer::run() {
  process::run_reconnecting(running_, "worker", options_.reconnect, [this] {
    pqxx::connection db(options_.database_url);
    storage::prepare_task_statements(db);
    amqp::Connection broker(options_.broker);
    amqp::ConfirmedSender sender(options_.broker);
    amqp::declare_task_topology(broker, services_);
    std::vector<std::string> consumer_tags;
    for (const auto& name : options_.services) {
      const config::ServiceConfig* service = services_.find_service(name);
      broker.set_prefetch(static_cast<std::uint16_t>(service->prefetch));
      consumer_tags.push_back(broker.consume(service->queue_name(), /*no_ack=*/false));
    }
    spdlog::info("worker connected: consuming {}", fmt::join(options_.services, ","));
    consume(broker, sender, db, consumer_tags);
  });
}

void TaskConsumer::consume(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                           pqxx::connection& db, const std::vector<std::string>& consumer_tags) {
  std::size_t window_limit = 0;
  for (const auto& name : options_.services) {
    window_limit += static_cast<std::size_t>(services_.find_service(name)->prefetch);
  }
  std::vector<amqp::Delivery> deliveries;
  ReceivedWindow received;
  while (running_) {
    // Under load (the last window was large) linger a moment for a larger batch:
    // each window costs two database round trips whatever its size.
    const auto linger = deliveries.size() >= kLoadedWindow ? kLinger : std::chrono::microseconds(0);
    if (!amqp::receive_window(broker, window_limit, std::chrono::seconds(1), deliveries, linger)) {
      continue;
    }
    complete_window(broker, sender, db, deliveries, received);
    if (options_.must_restart && options_.must_restart()) {
      restart_requested_ = true;
      running_ = false;
    }
  }
  // A graceful stop. Deliveries the broker pushed but this worker never completed
  // would come back redelivered on its close, and another worker would run them
  // one at a time under a strike (quarantine.hpp): the broker stops pushing
  // first, then what it already pushed is completed here.
  for (const auto& tag : consumer_tags) broker.cancel(tag);
  while (amqp::receive_window(broker, window_limit, kDrainWait, deliveries)) {
    complete_window(broker, sender, db, deliveries, received);
  }
}

void TaskConsumer::complete_window(amqp::Connection& broker, amqp::ConfirmedSender& sender,
                                   pqxx::connection& db, std::vector<amqp::Delivery>& deliveries,
                                   ReceivedWindow& received) {
  if (options_.metrics != nullptr) {
    options_.metrics->redelivered(static_cast<std::size_t>(
        std::count_if(deliveries.begin(), deliveries.end(),
                      [](const amqp::Delivery& d) { return d.redelivered; })));
  }
  received.sort(deliveries);
  for (const auto& [delivery, reason] : received.undecodable()) {
    quarantine_.set_aside_undecodable(db, sender, *delivery, reason);
    broker.ack(delivery->tag, /*multiple=*/false);
    poison(PoisonReason::kUndecodable);
  }
  const std::vector<WindowTask>& window = received.tasks();
  if (window.empty()) return;

  in_flight_.store(static_cast<int>(window.size()), std::memory_order_relaxed);
  if (options_.metrics != nullptr) options_.metrics->window(window.size());
  std::vector<Announcement> announcements;
  if (received.redelivered()) {
    // Some of these deliveries were handed out before and never acked: a worker
    // may have died running one of them. Run them alone, each under a strike, so
    // a message that kills its worker is found and set aside.
    announcements = complete_alone(broker, sender, db, window, received.tags(), /*strikes=*/true);
  } else {
    try {
      WindowResult result = completer_.complete(db, window, received.envelopes_json());
      sender.send(result.follow_ups, kConfirmTimeout);  // retries on disk before the ack
      broker.ack(received.last_tag(), /*multiple=*/true);
      announcements = std::move(result.announcements);
    } catch (const pqxx::sql_error& e) {
      // A message the database refuses (e.g. text it cannot hold) must not block
      // the window: complete the tasks one by one, set the bad ones aside.
      if (!db::refuses_the_input(e)) throw;
      spdlog::warn("a window failed ({}); completing its tasks one by one", e.what());
      announcements =
          complete_alone(broker, sender, db, window, received.tags(), /*strikes=*/false);
    }
  }
  processed_.fetch_add(window.size(), std::memory_order_relaxed);
  in_flight_.store(0, std::memory_order_relaxed);
  {
    const amqp::CorkedPublishes corked(broker, announcements.size());
    for (const auto& a : announcements) {
      amqp::MessageProperties props;
      props.correlation_id = a.correlation_id;
      props.persistent = a.persistent;
      broker.publish(a.exchange, a.routing_key, a.body, props);
    }
  }
}

std::vector<Announcement> TaskConsumer::complete_alone(
    amqp::Connection& broker, amqp::ConfirmedSender& sender, pqxx::connection& db,
    const std::vector<WindowTask>& window, const std::vector<std::uint64_t>& tags, bool strikes) {
  std::vector<Announcement> announcements;
  // A caller waiting for a task that was set aside gets its final state now, not
  // at the end of its wait.
  auto answer_waiting = [&](const WindowTask& item) {
    if (item.reply_to.empty()) return;
    pqxx::nontransaction read(db);
    if (auto stored = storage::find_task_json(read, item.task.id)) {
      announcements.push_back({"", item.reply_to, item.task.id, std::move(*stored), false});
    }
  };
  for (std::size_t i = 0; i < window.size(); ++i) {
    const envelope::TaskEnvelope& task = window[i].task;
    if (strikes && quarantine_.strike_or_set_aside(db, sender, task)) {
      broker.ack(tags[i], /*multiple=*/false);
      poison(PoisonReason::kStrikes);
      answer_waiting(window[i]);
      continue;
    }
    try {
      WindowResult result = completer_.complete(db, {window[i]}, "[" + window[i].body + "]");
      sender.send(result.follow_ups, kConfirmTimeout);
      if (strikes) quarantine_.clear(db, task);
      broker.ack(tags[i], /*multiple=*/false);
      announcements.insert(announcements.end(), result.announcements.begin(),
                           result.announcements.end());
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error& e) {
      if (!db::refuses_the_input(e)) {
        if (strikes) quarantine_.note_error(db, task, e.what());
        throw;
      }
      quarantine_.set_aside_refused(db, sender, task, e.what());
      broker.ack(tags[i], /*multiple=*/false);
      poison(PoisonReason::kRefused);
      answer_waiting(window[i]);
    } catch (const amqp::AmqpError&) {
      throw;
    } catch (const std::exception& e) {
      if (strikes) quarantine_.note_error(db, task, e.what());
      throw;
    }
  }
  return announcements;
}

}  // namespace switchyard::workers
