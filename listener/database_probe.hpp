#pragma once
// DatabaseProbe: whether PostgreSQL answers, as the scrape endpoint shows it
//   switchyard_database_up   1 when the last `SELECT 1` answered, else 0
// for the alert "PostgreSQL unreachable" (config/prometheus/alerts.yml). One query
// every `interval` on a connection of its own (reopened after a failure, with a
// short connect timeout), whatever the scrape rate; a scrape reads the last answer.
// The broker's counterpart is QueueDepths' switchyard_broker_up.
#include <atomic>
#include <chrono>
#include <string>

#include "process/background_loop.hpp"

namespace switchyard::listener {

class DatabaseProbe {
 public:
  DatabaseProbe(std::string database_url,
                std::chrono::milliseconds interval = std::chrono::seconds(15));

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void render(std::string& out) const;

 private:
  void probe_forever();

  const std::string database_url_;
  const std::chrono::milliseconds interval_;
  std::atomic<bool> up_{false};
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::listener
