#pragma once
// QueueDepths: the broker's queues as the scrape endpoint shows them
//   switchyard_queue_messages{queue,state="ready"}   messages waiting
//   switchyard_queue_consumers{queue}
//   switchyard_broker_up                              1 when the last round reached the broker
// for every service queue of services.yaml, the ledger, listener.events and
// dead-letters. One passive declare per queue every `interval` on a connection of
// its own, whatever the scrape rate; a scrape reads the last snapshot. A queue
// the broker did not answer for is left out of that snapshot. (Unacked messages
// are not in AMQP's answer: the management API has them.)
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "amqp/connection.hpp"
#include "config/services_config.hpp"
#include "process/background_loop.hpp"

namespace switchyard::listener {

class QueueDepths {
 public:
  QueueDepths(amqp::ConnectionOptions broker, const config::ServicesConfig& services,
              std::chrono::milliseconds interval = std::chrono::seconds(15));

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void render(std::string& out) const;

 private:
  void refresh_forever();

  const amqp::ConnectionOptions broker_;
  std::vector<std::string> queues_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;  // guards snapshot_ and broker_up_, written once per interval
  std::map<std::string, amqp::Connection::QueueState> snapshot_;
  bool broker_up_ = false;
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::listener
