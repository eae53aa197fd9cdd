// switchyard-worker: consumes the service queues this binary has handlers for and
// completes their tasks. Composition root: settings → config → the domain modules
// (worker_modules.hpp) → consumer.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "dispatcher.hpp"
#include "executor.hpp"
#include "heartbeat.hpp"
#include "logging/logging.hpp"
#include "metrics/metrics_server.hpp"
#include "metrics/process_metrics.hpp"
#include "process/graceful_stop.hpp"
#include "process/shutdown_signal.hpp"
#include "served_actions.hpp"
#include "service_pool.hpp"
#include "started_marker.hpp"
#include "worker_metrics.hpp"
#include "worker_modules.hpp"

using namespace switchyard;

namespace {

constexpr std::uint16_t kDefaultMetricsPort = 9101;

}  // namespace

int main(int /*argc*/, char** argv) {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("worker", settings.log_level, settings.log_format);
    const auto services = config::ServicesConfig::load_file(settings.services_config_file);

    workers::Dispatcher dispatcher;
    workers::Modules::add_to(dispatcher, {settings, &services});
    workers::check_served_actions(dispatcher, services, settings.services_config_file);

    workers::TaskConsumerOptions options;
    // Heartbeats off: the consumer's thread waits for a window's handlers, which
    // may run longer than any heartbeat interval (system.sleep up to an hour),
    // without servicing the connection. A dead broker still shows as a closed socket.
    options.broker = {settings.broker_url, "switchyard-worker", std::chrono::seconds(5), 0};
    options.database_url = settings.database_url;
    const std::set<std::string> served =
        workers::consumed_services(dispatcher, services, settings.worker_services);

    workers::WorkerMetrics worker_metrics(services, served);
    const workers::Executor executor(dispatcher, &worker_metrics);
    // Tasks running longer than this show as `running`; faster ones go from queued
    // straight to their final state.
    workers::StartedMarker started(settings.database_url, std::chrono::milliseconds(50));
    started.start();
    std::vector<std::unique_ptr<workers::ServicePool>> pools;
    for (auto& [name, members] : workers::ServicePool::group(services, served)) {
      pools.push_back(std::make_unique<workers::ServicePool>(
          name, members.services, options,
          workers::ServicePoolParts{
              services, executor, started, &worker_metrics,
              members.concurrency > 0 ? members.concurrency : settings.worker_concurrency,
              settings.worker_max_stuck_runners, [&shutdown] { shutdown.trigger(); }}));
    }
    const auto in_flight = [&pools] {
      int sum = 0;
      for (const auto& pool : pools) sum += pool->in_flight();
      return sum;
    };
    const auto processed = [&pools] {
      std::uint64_t sum = 0;
      for (const auto& pool : pools) sum += pool->processed();
      return sum;
    };
    const auto stuck = [&pools] {
      int sum = 0;
      for (const auto& pool : pools) sum += pool->stuck();
      return sum;
    };
    workers::Heartbeat heartbeat(settings.database_url, {served.begin(), served.end()}, [&] {
      return workers::HeartbeatStats{in_flight(), processed()};
    });
    heartbeat.start();
    metrics::MetricsServer scrape(settings.metrics_port.value_or(kDefaultMetricsPort), [&] {
      std::string out = worker_metrics.render(in_flight());
      metrics::render_process_metrics(out);
      return out;
    });
    scrape.start();
    for (auto& pool : pools) {
      pool->start();
      spdlog::info("worker started: pool={} services={}", pool->name(),
                   fmt::join(pool->services(), ","));
    }
    shutdown.wait();
    spdlog::info("worker stopping: finishing the current windows");
    for (auto& pool : pools) pool->stop();
    // One grace for the whole worker, not one per pool.
    const auto deadline = std::chrono::steady_clock::now() + settings.shutdown_grace;
    bool restart = false;
    for (auto& pool : pools) {
      const auto left = std::chrono::duration_cast<std::chrono::seconds>(
          deadline - std::chrono::steady_clock::now());
      process::await_or_exit(pool->done(), std::max(left, std::chrono::seconds(0)), "worker");
      pool->join();
      restart = restart || pool->restart_requested();
    }
    started.stop();
    heartbeat.stop();
    scrape.stop();
    if (restart) {
      // Only a new process image ends threads stuck in handlers. Same pid, so
      // supervisors and pid files keep tracking it.
      spdlog::warn("worker re-executing itself: {} handlers stuck past their timeout", stuck());
      spdlog::shutdown();
      ::execv("/proc/self/exe", argv);
      std::perror("execv /proc/self/exe");
      std::_Exit(1);
    }
    spdlog::info("worker stopped after {} tasks", processed());
    if (stuck() > 0) {
      // Destructors would race with the stuck handlers still using them.
      spdlog::shutdown();
      std::_Exit(0);
    }
    return 0;
  } catch (const config::ConfigError& e) {
    spdlog::critical("configuration error: {}", e.what());
    return 2;
  }
}
