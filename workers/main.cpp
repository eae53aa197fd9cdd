// switchyard-worker: consumes the service queues this binary has handlers for and
// completes their tasks. Composition root: settings → config → the domain modules
// (worker_modules.hpp) → consumer.
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdlib>
#include <future>
#include <thread>

#include "completer.hpp"
#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "dispatcher.hpp"
#include "executor.hpp"
#include "heartbeat.hpp"
#include "logging/logging.hpp"
#include "metrics/metrics_server.hpp"
#include "metrics/process_metrics.hpp"
#include "worker_modules.hpp"
#include "process/graceful_stop.hpp"
#include "process/shutdown_signal.hpp"
#include "runner_pool.hpp"
#include "served_actions.hpp"
#include "started_marker.hpp"
#include "task_consumer.hpp"
#include "worker_metrics.hpp"

using namespace switchyard;

namespace {

constexpr std::uint16_t kDefaultMetricsPort = 9101;

}  // namespace

int main(int /*argc*/, char** argv) {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("worker", settings.log_level);
    const auto services = config::ServicesConfig::load_file(settings.services_config_file);

    workers::Dispatcher dispatcher;
    workers::Modules::add_to(dispatcher, {settings});
    workers::check_served_actions(dispatcher, services, settings.services_config_file);

    workers::TaskConsumerOptions options;
    // Heartbeats off: the consumer's thread waits for a window's handlers, which
    // may run longer than any heartbeat interval (system.sleep up to an hour),
    // without servicing the connection. A dead broker still shows as a closed socket.
    options.broker = {settings.broker_url, "switchyard-worker", std::chrono::seconds(5), 0};
    options.database_url = settings.database_url;
    for (const auto& name : dispatcher.services()) {
      if (services.find_service(name) != nullptr) options.services.insert(name);
    }
    if (options.services.empty()) {
      spdlog::critical("services.yaml configures none of the services this worker serves");
      return 1;
    }

    workers::WorkerMetrics worker_metrics(services, options.services);
    options.metrics = &worker_metrics;
    const workers::Executor executor(dispatcher, &worker_metrics);
    // Tasks running longer than this show as `running`; faster ones go from queued
    // straight to their final state.
    workers::StartedMarker started(settings.database_url, std::chrono::milliseconds(50));
    started.start();
    workers::RunnerPool runners(executor, started, settings.worker_concurrency,
                                settings.worker_max_stuck_runners);
    const workers::Completer completer(executor, services, started, runners, &worker_metrics);
    options.must_restart = [&runners, &shutdown] {
      if (!runners.needs_restart()) return false;
      shutdown.trigger();
      return true;
    };
    workers::TaskConsumer consumer(options, services, completer);
    workers::Heartbeat heartbeat(
        settings.database_url, {options.services.begin(), options.services.end()}, [&consumer] {
          return workers::HeartbeatStats{consumer.in_flight(), consumer.processed()};
        });
    heartbeat.start();
    metrics::MetricsServer scrape(settings.metrics_port.value_or(kDefaultMetricsPort), [&] {
      std::string out = worker_metrics.render(consumer.in_flight());
      metrics::render_process_metrics(out);
      return out;
    });
    scrape.start();
    std::packaged_task<void()> work([&] { consumer.run(); });
    std::future<void> done = work.get_future();
    std::thread loop(std::move(work));
    spdlog::info("worker started: services={}", fmt::join(options.services, ","));
    shutdown.wait();
    spdlog::info("worker stopping: finishing the current window");
    consumer.stop();
    process::await_or_exit(done, settings.shutdown_grace, "worker");
    loop.join();
    started.stop();
    heartbeat.stop();
    scrape.stop();
    if (consumer.restart_requested()) {
      // Only a new process image ends threads stuck in handlers. Same pid, so
      // supervisors and pid files keep tracking it.
      spdlog::warn("worker re-executing itself: {} handlers stuck past their timeout",
                   runners.stuck());
      spdlog::shutdown();
      ::execv("/proc/self/exe", argv);
      std::perror("execv /proc/self/exe");
      std::_Exit(1);
    }
    spdlog::info("worker stopped after {} tasks", consumer.processed());
    if (runners.stuck() > 0) {
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
