#pragma once
// BlockingWork: a few threads for work that must not run on Pistache's reactor
// threads — Argon2id hashing and verification (tens of milliseconds and 64 MiB
// each, by design) and the identity reload an identity write waits for. A reactor
// thread blocked that long would stall every connection it serves.
// The queue is bounded: past it, post() returns false and the caller answers 503.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "errors/app_error.hpp"

namespace switchyard::api {

class BlockingWork {
 public:
  BlockingWork(int threads, std::size_t max_queued);
  ~BlockingWork();
  BlockingWork(const BlockingWork&) = delete;
  BlockingWork& operator=(const BlockingWork&) = delete;

  // False when the queue is full or the pool is stopping. The job runs in the
  // caller's logging::LogContext.
  bool post(std::function<void()> job);

 private:
  void run();

  std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

class Responder;

// Runs `job` on `blocking`; what it throws goes to `on_error` (caught_error's
// mapping), and so does a full queue (503), at once.
void post_guarded(BlockingWork& blocking, std::function<void()> job,
                  std::function<void(const AppError&)> on_error);

// Runs `job` on `blocking`; whatever it throws is answered through `responder`
// (AppError as is, a database that is down or busy 503, anything else 500), and
// a full queue is answered 503 at once.
void post_answering(BlockingWork& blocking, const std::shared_ptr<Responder>& responder,
                    std::function<void()> job);

}  // namespace switchyard::api
