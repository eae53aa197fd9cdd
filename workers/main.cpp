// switchyard-worker: consumes the service queues this binary has handlers for and
// completes their tasks. Composition root: settings → config → handlers → consumer.
#include <spdlog/spdlog.h>

#include <future>
#include <thread>

#include "completer.hpp"
#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "dispatcher.hpp"
#include "executor.hpp"
#include "handlers/system/system_handlers.hpp"
#include "heartbeat.hpp"
#include "logging/logging.hpp"
#include "process/graceful_stop.hpp"
#include "process/shutdown_signal.hpp"
#include "started_marker.hpp"
#include "task_consumer.hpp"

using namespace switchyard;

int main() {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("worker", settings.log_level);
    const auto services = config::ServicesConfig::load_file(settings.services_config_file);

    workers::Dispatcher dispatcher;
    workers::system::register_handlers(dispatcher);

    workers::TaskConsumerOptions options;
    // Heartbeats off: a handler runs on the consumer's thread and may run longer
    // than any heartbeat interval (system.sleep up to an hour), during which the
    // connection is not serviced. A dead broker still shows as a closed socket.
    options.broker = {settings.broker_url, "switchyard-worker", std::chrono::seconds(5), 0};
    options.database_url = settings.database_url;
    for (const auto& name : dispatcher.services()) {
      if (services.find_service(name) != nullptr) options.services.insert(name);
    }
    if (options.services.empty()) {
      spdlog::critical("services.yaml configures none of the services this worker serves");
      return 1;
    }

    const workers::Executor executor(dispatcher);
    // Tasks running longer than this show as `running`; faster ones go from queued
    // straight to their final state.
    workers::StartedMarker started(settings.database_url, std::chrono::milliseconds(50));
    started.start();
    const workers::Completer completer(executor, services, started);
    workers::TaskConsumer consumer(options, services, completer);
    workers::Heartbeat heartbeat(
        settings.database_url, {options.services.begin(), options.services.end()}, [&consumer] {
          return workers::HeartbeatStats{consumer.in_flight(), consumer.processed()};
        });
    heartbeat.start();
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
    spdlog::info("worker stopped after {} tasks", consumer.processed());
    return 0;
  } catch (const config::ConfigError& e) {
    spdlog::critical("configuration error: {}", e.what());
    return 2;
  }
}
