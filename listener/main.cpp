// switchyard-listener: keeps the tasks ledger from the ledger queue and the
// lifecycle events. Composition root: settings → consumer.
#include <spdlog/spdlog.h>

#include <thread>

#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "ledger_consumer.hpp"
#include "logging/logging.hpp"
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
    std::thread loop([&] { consumer.run(); });
    spdlog::info("listener started");
    shutdown.wait();
    spdlog::info("listener stopping");
    consumer.stop();
    loop.join();
    spdlog::info("listener stopped");
    return 0;
  } catch (const config::ConfigError& e) {
    spdlog::critical("configuration error: {}", e.what());
    return 2;
  }
}
