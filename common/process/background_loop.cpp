#include "process/background_loop.hpp"

#include <spdlog/spdlog.h>

namespace switchyard::process {

BackgroundLoop::BackgroundLoop(std::string name, std::function<void()> body,
                               std::function<void()> wake)
    : name_(std::move(name)), body_(std::move(body)), wake_(std::move(wake)) {}

void BackgroundLoop::start() {
  std::lock_guard control(control_mutex_);
  if (running_.load()) return;
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

bool BackgroundLoop::stop() {
  std::lock_guard control(control_mutex_);
  if (!running_.load()) return false;
  {
    // Under wait_mutex_, so a body between its check and its wait cannot miss it.
    std::lock_guard lock(wait_mutex_);
    running_ = false;
  }
  stopping_.notify_all();
  if (wake_) wake_();
  thread_.join();
  return true;
}

bool BackgroundLoop::wait_for(std::chrono::nanoseconds duration) {
  std::unique_lock lock(wait_mutex_);
  return !stopping_.wait_for(lock, duration, [this] { return !running_.load(); });
}

void BackgroundLoop::run() noexcept {
  try {
    body_();
  } catch (const std::exception& e) {
    spdlog::error("{}: the loop ended on an exception: {}", name_, e.what());
  } catch (...) {
    spdlog::error("{}: the loop ended on an unknown exception", name_);
  }
}

}  // namespace switchyard::process
