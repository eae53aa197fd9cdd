// switchyard-listener: keeps the tasks ledger from the ledger queue and the
// lifecycle events. Composition root: settings → consumer.
#include <spdlog/spdlog.h>

#include <future>
#include <thread>

#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "ledger_consumer.hpp"
#include "logging/logging.hpp"
#include "process/graceful_stop.hpp"
#include "process/shutdown_signal.hpp"

using namespace switchyard;

int main() {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("listener", settings.log_level);
    listener::LedgerConsumerOptions options;
    options.broker = {settings.broker_url, "switchyard-listener", std::chrono::seconds(5), 30};
    options.database_url = settings.database_url;
    listener::LedgerConsumer consumer(options);
    std::packaged_task<void()> work([&] { consumer.run(); });
    std::future<void> done = work.get_future();
    std::thread loop(std::move(work));
    spdlog::info("listener started");
    shutdown.wait();
    spdlog::info("listener stopping");
    consumer.stop();
    process::await_or_exit(done, settings.shutdown_grace, "listener");
    loop.join();
    spdlog::info("listener stopped");
    return 0;
  } catch (const config::ConfigError& e) {
    spdlog::critical("configuration error: {}", e.what());
    return 2;
  }
}
