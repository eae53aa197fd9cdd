#pragma once
// BackgroundLoop: the one way a class runs a long-lived loop on its own thread
// (STYLE.md §12, River's startstop.BaseStartStop). The owner holds one as a member,
// declared last (so it stops before the members its body uses go away), and calls
// start() and stop(); the body loops while running() or while wait_for() says so.
//
// Contract:
//   - start() runs `body` once on a new thread; idempotent while running. After
//     stop() it may start the loop again.
//   - stop() is idempotent, safe before start(), and returns only when the body has
//     returned. It wakes a body sleeping in wait_for() at once, and calls the
//     owner's `wake` hook (if given) for a body that sleeps elsewhere (poll() on an
//     eventfd). Returns true for the call that actually stopped a running loop, so
//     the owner can clean up once. start() and stop() may be called from any
//     thread except the loop's own (stop() from the body would join itself).
//   - An exception escaping the body is caught and logged at error level with the
//     loop's name; the thread ends and running() stays true until stop(), which
//     returns as usual. Bodies that must survive failures catch them themselves.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace switchyard::process {

class BackgroundLoop {
 public:
  // `name` labels the loop in logs. `wake`, when set, is called by stop() after
  // running() turned false.
  BackgroundLoop(std::string name, std::function<void()> body, std::function<void()> wake = {});
  ~BackgroundLoop() { stop(); }
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  void start();
  bool stop();

  // For the body: true until stop() is called. An atomic, so it can also be handed
  // to helpers that watch a flag (process::run_reconnecting).
  const std::atomic<bool>& running() const { return running_; }

  // For the body: sleeps up to `duration`, or less when stop() comes; returns
  // false when the loop is stopping (at once if it already is).
  bool wait_for(std::chrono::nanoseconds duration);

 private:
  void run() noexcept;

  const std::string name_;
  const std::function<void()> body_;
  const std::function<void()> wake_;
  std::mutex control_mutex_;  // serialises start() and stop(); held across the join
  std::mutex wait_mutex_;     // guards the change of running_ that wait_for() waits on
  std::condition_variable stopping_;
  std::atomic<bool> running_{false};
  std::thread thread_;
};

}  // namespace switchyard::process
