#include "http/blocking_work.hpp"

#include <spdlog/spdlog.h>

#include "http/caught_error.hpp"
#include "http/responder.hpp"
#include "logging/log_context.hpp"

namespace switchyard::api {

BlockingWork::BlockingWork(int threads, std::size_t max_queued) : max_queued_(max_queued) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

BlockingWork::~BlockingWork() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

bool BlockingWork::post(std::function<void()> job) {
  // The job goes on in the poster's log context (its request's trace): what it
  // logs and publishes stays in that trace.
  auto in_context = [context = logging::current_context(), job = std::move(job)] {
    const logging::LogScope scope(context.task_id(), context.trace());
    job();
  };
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || jobs_.size() >= max_queued_) return false;
    jobs_.push_back(std::move(in_context));
  }
  ready_.notify_one();
  return true;
}

void BlockingWork::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, and nothing left to answer
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    try {
      job();
    } catch (const std::exception& e) {
      // A job answers its own request; one that throws is a bug, not a reason to die.
      spdlog::error("blocking job failed: {}", e.what());
    }
    lock.lock();
  }
}

void post_guarded(BlockingWork& blocking, std::function<void()> job,
                  std::function<void(const AppError&)> on_error) {
  auto guarded = [job = std::move(job), on_error] {
    try {
      job();
    } catch (...) {
      on_error(caught_error());
    }
  };
  if (!blocking.post(std::move(guarded))) {
    on_error(AppError(ErrorCode::kUnavailable, "The API is overloaded; retry later"));
  }
}

void post_answering(BlockingWork& blocking, const std::shared_ptr<Responder>& responder,
                    std::function<void()> job) {
  post_guarded(blocking, std::move(job), [responder](const AppError& e) { responder->error(e); });
}

}  // namespace switchyard::api
