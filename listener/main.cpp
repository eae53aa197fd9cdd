// switchyard-listener: keeps the tasks ledger from the ledger queue and the
// lifecycle events, and runs the scheduler on the one listener holding the
// leader lease (ledger retention, periodic cluster collection, a slave's master
// sync). Composition root: settings → consumer, scheduler and its jobs.
#include <spdlog/spdlog.h>

#include <future>
#include <thread>

#include "amqp/task_publisher.hpp"
#include "releases/collection_trigger.hpp"
#include "config/config_error.hpp"
#include "config/services_config.hpp"
#include "config/settings.hpp"
#include "leader_lease.hpp"
#include "ledger_consumer.hpp"
#include "logging/logging.hpp"
#include "releases/master_sync.hpp"
#include "process/graceful_stop.hpp"
#include "process/shutdown_signal.hpp"
#include "scheduler.hpp"
#include "tasks/task_retention.hpp"

using namespace switchyard;

namespace {

// The scheduler's advisory lock (the migrator's is another key).
constexpr std::int64_t kSchedulerLockKey = 0x5357'5343'4845'4431;  // "SWSCHED1"

}  // namespace

int main() {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("listener", settings.log_level);
    listener::LedgerConsumerOptions options;
    options.broker = {settings.broker_url, "switchyard-listener", std::chrono::seconds(5), 30};
    options.database_url = settings.database_url;
    listener::LedgerConsumer consumer(options);

    const auto services = config::ServicesConfig::load_file(settings.services_config_file);
    amqp::TaskPublisher publisher({{settings.broker_url, "switchyard-listener-scheduler"}},
                                  services);
    listener::CollectionTrigger collection(publisher, services, settings);
    listener::MasterSync master_sync(settings);
    listener::TaskRetention retention(settings);
    std::vector<listener::ScheduledJob> jobs;
    if (retention.enabled()) {
      jobs.push_back({"task retention", std::chrono::minutes(1), [&] {
                        retention.purge();  // a backlog goes on at the next turn
                        return true;
                      }});
    }
    if (collection.enabled()) {
      publisher.start();
      jobs.push_back(
          {"releases.collect", settings.collect_interval, [&] { return collection.trigger(); }});
    }
    if (settings.mode == config::Mode::kSlave) {
      jobs.push_back({"forward releases to the master", std::chrono::seconds(1), [&] {
                        master_sync.forward();  // keeps its own backoff
                        return true;
                      }});
      jobs.push_back({"ping the master", settings.ping_interval, [&] {
                        master_sync.ping();  // the next turn is the retry
                        return true;
                      }});
    }
    listener::LeaderLease lease(settings.database_url, kSchedulerLockKey);
    listener::Scheduler scheduler(lease, std::move(jobs));

    std::packaged_task<void()> work([&] { consumer.run(); });
    std::future<void> done = work.get_future();
    std::thread loop(std::move(work));
    std::thread scheduling;
    if (!scheduler.empty()) scheduling = std::thread([&] { scheduler.run(); });
    spdlog::info("listener started");
    shutdown.wait();
    spdlog::info("listener stopping");
    scheduler.stop();
    consumer.stop();
    process::await_or_exit(done, settings.shutdown_grace, "listener");
    loop.join();
    if (scheduling.joinable()) scheduling.join();
    publisher.stop();
    spdlog::info("listener stopped");
    return 0;
  } catch (const config::ConfigError& e) {
    spdlog::critical("configuration error: {}", e.what());
    return 2;
  }
}
