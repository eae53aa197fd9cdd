#pragma once
// StartedMarker: makes `running` visible for tasks that take time, without paying a
// database write for the ones that do not. The handler threads record when a task
// begins and ends (a few nanoseconds, no wake-up); the marker's own thread looks
// every few milliseconds and marks each task still running after the threshold
// `running`, from its own connection (asynchronous commit: the mark is progress
// information, not a promise). Most tasks finish well under the threshold and go
// from queued straight to their final state, committed with their window.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "process/background_loop.hpp"

namespace switchyard::workers {

class StartedMarker {
 public:
  StartedMarker(std::string database_url, std::chrono::milliseconds threshold)
      : database_url_(std::move(database_url)),
        threshold_(threshold),
        loop_("started marker", [this] { run(); }) {}
  ~StartedMarker() { stop(); }
  StartedMarker(const StartedMarker&) = delete;
  StartedMarker& operator=(const StartedMarker&) = delete;

  void start() { loop_.start(); }
  // Idempotent; safe before start().
  void stop() { loop_.stop(); }

  // `envelope_json` is the task's envelope as received. Returns the token end()
  // takes. Thread-safe.
  std::uint64_t begin(std::string envelope_json);
  // Idempotent. Thread-safe.
  void end(std::uint64_t token);

 private:
  struct Running {
    std::string envelope_json;
    std::chrono::steady_clock::time_point began;
    bool marked = false;
  };

  void run();
  // The envelopes (a JSON array) of the tasks due to be marked now, or "".
  std::string take_due();

  std::string database_url_;
  std::chrono::milliseconds threshold_;
  std::mutex mutex_;
  std::map<std::uint64_t, Running> current_;  // the tasks running now, by token
  std::uint64_t next_token_ = 0;
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::workers
