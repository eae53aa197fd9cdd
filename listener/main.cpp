// switchyard-listener: keeps the tasks ledger from the ledger queue and the
// lifecycle events, delivers completion callbacks (callbacks/), and runs the scheduler on the one
// listener holding the leader lease (each domain's jobs: ledger retention, periodic cluster
// collection, a slave's master sync). Composition root: settings → consumer, the domain modules
// (job_modules.hpp) → scheduler.
#include <spdlog/spdlog.h>

#include <future>
#include <thread>

#include "amqp/task_publisher.hpp"
#include "callbacks/callback_delivery.hpp"
#include "config/clients_config.hpp"
#include "config/config_error.hpp"
#include "config/services_config.hpp"
#include "config/settings.hpp"
#include "database_probe.hpp"
#include "job_modules.hpp"
#include "leader_lease.hpp"
#include "ledger_consumer.hpp"
#include "listener_metrics.hpp"
#include "logging/logging.hpp"
#include "metrics/metrics_server.hpp"
#include "metrics/process_metrics.hpp"
#include "process/graceful_stop.hpp"
#include "process/shutdown_signal.hpp"
#include "queue_depths.hpp"
#include "scheduler.hpp"
#include "schedules/builtin_jobs.hpp"

using namespace switchyard;

namespace {

// The scheduler's advisory lock (the migrator's is another key).
constexpr std::int64_t kSchedulerLockKey = 0x5357'5343'4845'4431;  // "SWSCHED1"
constexpr std::uint16_t kDefaultMetricsPort = 9102;

}  // namespace

int main() {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("listener", settings.log_level, settings.log_format);
    listener::LedgerConsumerOptions options;
    options.broker = {settings.broker_url, "switchyard-listener", std::chrono::seconds(5), 30};
    options.database_url = settings.database_url;
    listener::ListenerMetrics listener_metrics;
    options.metrics = &listener_metrics;
    listener::LedgerConsumer consumer(options);

    const auto services = config::ServicesConfig::load_file(settings.services_config_file);
    const auto clients =
        config::ClientsConfig::load_file(settings.clients_config_file, settings.production);
    listener::CallbackDeliveryOptions callback_options;
    callback_options.database_url = settings.database_url;
    callback_options.allow_private = settings.callback_allow_private;
    callback_options.give_up_after = settings.callback_give_up;
    listener::CallbackDelivery callbacks(callback_options, clients, listener_metrics);
    amqp::TaskPublisher publisher({{settings.broker_url, "switchyard-listener-scheduler"}},
                                  services);
    listener::JobContext job_context{settings, services, publisher};
    const auto modules = listener::Modules::make(job_context);
    if (job_context.publisher_used) publisher.start();
    listener::LeaderLease lease(settings.database_url, kSchedulerLockKey);
    listener::Scheduler scheduler(lease, listener::Modules::jobs(modules));
    listener::BuiltinJobs builtin_jobs(settings.database_url);  // listed in /system/tasks
    scheduler.observe(&builtin_jobs);

    const std::uint16_t metrics_port = settings.metrics_port.value_or(kDefaultMetricsPort);
    listener::QueueDepths queues(
        {settings.broker_url, "switchyard-listener-queue-depths", std::chrono::seconds(5), 0},
        services);
    listener::DatabaseProbe database(settings.database_url);
    metrics::MetricsServer scrape(metrics_port, [&] {
      std::string out = listener_metrics.render(scheduler.leading(), scheduler.fired());
      queues.render(out);
      database.render(out);
      metrics::render_process_metrics(out);
      return out;
    });
    if (scrape.start()) {
      queues.start();
      database.start();
    }

    std::packaged_task<void()> work([&] { consumer.run(); });
    std::future<void> done = work.get_future();
    std::thread loop(std::move(work));
    callbacks.start();
    std::thread scheduling;
    if (!scheduler.empty()) scheduling = std::thread([&] { scheduler.run(); });
    spdlog::info("listener started");
    shutdown.wait();
    spdlog::info("listener stopping");
    scheduler.stop();
    callbacks.stop();
    consumer.stop();
    process::await_or_exit(done, settings.shutdown_grace, "listener");
    loop.join();
    if (scheduling.joinable()) scheduling.join();
    publisher.stop();
    scrape.stop();
    queues.stop();
    database.stop();
    spdlog::info("listener stopped");
    return 0;
  } catch (const config::ConfigError& e) {
    spdlog::critical("configuration error: {}", e.what());
    return 2;
  }
}
