#pragma once
// BrokerEventFeed: the one consumer of the `events` exchange in an API process,
// and only while someone watches. When the hub has a subscriber it opens a
// connection, declares an exclusive, auto-delete, server-named queue bound to the
// routing keys the stream serves (task.#, incident.#, plugin.#, user.#) and hands
// every message to the hub; when the last subscriber left (after a short grace,
// so a reconnecting browser does not churn queues) it closes the connection, and
// the broker deletes the queue. Nobody subscribed: no queue, no copies, no cost.
// Events are information (the database is the record), so the queue is consumed
// without acks and a broker outage only loses live events; the feed reconnects
// with backoff while subscribers remain.
#include <atomic>
#include <string>
#include <thread>

#include "events/event_hub.hpp"

namespace switchyard::api::events {

class BrokerEventFeed {
 public:
  BrokerEventFeed(EventHub& hub, std::string broker_url);
  ~BrokerEventFeed();
  BrokerEventFeed(const BrokerEventFeed&) = delete;
  BrokerEventFeed& operator=(const BrokerEventFeed&) = delete;

  void start();
  // Safe before start() and twice.
  void stop();

 private:
  void run();
  // Consumes until nobody is subscribed (past the grace) or stop(); throws on a
  // broker failure.
  void consume_while_watched();

  EventHub& hub_;
  const std::string broker_url_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace switchyard::api::events
