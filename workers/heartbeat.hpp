#pragma once
// Heartbeat: every few seconds, from its own thread and database connection, the
// worker records who it is (host, pid, services) and how it is doing (tasks in its
// current window, tasks processed) in worker_heartbeats. GET /api/v1/workers lists
// the workers seen in the last 15 s. A clean stop removes the row; a killed worker
// ages out. A database that is down only delays the next beat.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "process/background_loop.hpp"

namespace switchyard::workers {

struct HeartbeatStats {
  int in_flight = 0;
  std::uint64_t processed = 0;
};

class Heartbeat {
 public:
  Heartbeat(std::string database_url, std::vector<std::string> services,
            std::function<HeartbeatStats()> stats,
            std::chrono::milliseconds interval = std::chrono::seconds(5));
  ~Heartbeat() { stop(); }
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  void start() { loop_.start(); }
  // Idempotent; safe before start(). Removes this worker's row.
  void stop();

  const std::string& worker_id() const { return worker_id_; }

 private:
  void run();

  std::string database_url_;
  std::vector<std::string> services_;
  std::function<HeartbeatStats()> stats_;
  std::chrono::milliseconds interval_;
  std::string host_;
  std::string worker_id_;
  std::string started_at_;
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::workers
