#pragma once
// StartedMarker: makes `running` visible for tasks that take time, without paying a
// database write for the ones that do not. The consumer's thread records when a
// task begins and ends (a few nanoseconds, no wake-up); the marker's own thread
// looks every few milliseconds and marks a task still running after the threshold
// `running`, from its own connection (asynchronous commit: the mark is progress
// information, not a promise). Most tasks finish well under the threshold and go
// from queued straight to their final state, committed with their window.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace switchyard::workers {

class StartedMarker {
 public:
  StartedMarker(std::string database_url, std::chrono::milliseconds threshold)
      : database_url_(std::move(database_url)), threshold_(threshold) {}
  ~StartedMarker() { stop(); }
  StartedMarker(const StartedMarker&) = delete;
  StartedMarker& operator=(const StartedMarker&) = delete;

  void start();
  // Idempotent; safe before start().
  void stop();

  // `envelope_json` is the task's envelope as received. Thread-safe.
  void begin(std::string envelope_json);
  void end();

 private:
  void run();

  std::string database_url_;
  std::chrono::milliseconds threshold_;
  std::mutex mutex_;
  std::condition_variable stopping_;
  std::optional<std::string> current_;  // the envelope of the task running now
  std::chrono::steady_clock::time_point began_;
  bool marked_ = false;  // the current task was marked already
  bool running_ = false;
  std::thread thread_;
};

}  // namespace switchyard::workers
