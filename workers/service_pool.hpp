#pragma once
// ServicePool: the services of one `pool` (services.yaml) inside a worker
// process: a consumer loop on a thread of its own, with its own broker and
// database connections and its own handler threads. Pools do not wait for each
// other: a window of slow outbound steps (an incident's Slack and HTTP calls)
// never holds up the window of fast database writes beside it. Most deployments
// have one pool, `default`.
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "completer.hpp"
#include "config/services_config.hpp"
#include "executor.hpp"
#include "runner_pool.hpp"
#include "started_marker.hpp"
#include "task_consumer.hpp"

namespace switchyard::workers {

struct ServicePoolParts {
  const config::ServicesConfig& services;
  const Executor& executor;
  StartedMarker& started;
  WorkerMetrics* metrics;
  int concurrency;  // handler threads of this pool
  int max_stuck;    // abandoned handlers before the worker re-executes itself
  // Called from the pool's thread when too many handlers are stuck: the worker
  // must stop and re-execute itself.
  std::function<void()> request_restart;
};

class ServicePool {
 public:
  // `options` without services, must_restart and metrics: the pool sets them.
  ServicePool(std::string name, std::set<std::string> services, TaskConsumerOptions options,
              ServicePoolParts parts);
  ~ServicePool();
  ServicePool(const ServicePool&) = delete;
  ServicePool& operator=(const ServicePool&) = delete;

  void start();
  // Asks the loop to end after its current window; thread-safe.
  void stop() { consumer_->stop(); }
  // The loop's end, for process::await_or_exit.
  std::future<void>& done() { return done_; }
  void join();

  const std::string& name() const { return name_; }
  const std::set<std::string>& services() const { return services_; }
  int in_flight() const { return consumer_->in_flight(); }
  std::uint64_t processed() const { return consumer_->processed(); }
  bool restart_requested() const { return consumer_->restart_requested(); }
  int stuck() const { return runners_->stuck(); }

  struct Members {
    std::set<std::string> services;
    int concurrency = 0;  // the largest `concurrency` of its services; 0: none set
  };
  // The services of `served` grouped by their pool, pools by name.
  static std::map<std::string, Members> group(const config::ServicesConfig& services,
                                              const std::set<std::string>& served);

 private:
  std::string name_;
  std::set<std::string> services_;
  std::unique_ptr<RunnerPool> runners_;
  std::unique_ptr<Completer> completer_;
  std::unique_ptr<TaskConsumer> consumer_;
  std::future<void> done_;
  std::thread loop_;
};

}  // namespace switchyard::workers
