// switchyard-api: the REST front. Composition root: settings → configuration →
// publisher, pool, handlers → route table → server; then wait for SIGTERM.
#include <spdlog/spdlog.h>

#include "amqp/queue_inspector.hpp"
#include "amqp/task_publisher.hpp"
#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "db/connection_pool.hpp"
#include "handlers/platform/service_list.hpp"
#include "handlers/platform/worker_list.hpp"
#include "handlers/system/api_docs.hpp"
#include "handlers/system/health_check.hpp"
#include "handlers/system/metrics_endpoint.hpp"
#include "handlers/tasks/dead_letters.hpp"
#include "handlers/tasks/task_cancellation.hpp"
#include "handlers/tasks/task_queries.hpp"
#include "handlers/tasks/task_submission.hpp"
#include "logging/logging.hpp"
#include "openapi/openapi_document.hpp"
#include "process/shutdown_signal.hpp"
#include "server.hpp"
#include "storage/tasks/task_repository.hpp"
#include "switchyard_api_core_embedded.hpp"
#include "version.hpp"

using namespace switchyard;

int main() {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("api", settings.log_level);
    const auto services = config::ServicesConfig::load_file(settings.services_config_file);
    const auto clients =
        config::ClientsConfig::load_file(settings.clients_config_file, settings.production);

    api::HttpMetrics metrics;
    amqp::TaskPublisher publisher({{settings.broker_url, "switchyard-api"}}, services);
    publisher.start();
    db::ConnectionPool pool({settings.database_url, settings.db_pool_size,
                             std::chrono::milliseconds(2000), std::chrono::milliseconds(5000),
                             storage::prepare_task_statements});

    api::TaskSubmission task_submission(services, publisher, pool, metrics,
                                        api::embedded::kTaskSubmission, settings.max_wait);
    api::TaskQueries task_queries(pool);
    api::TaskCancellation task_cancellation(pool, publisher);
    api::DeadLetters dead_letters(pool, publisher, services, task_queries);
    amqp::QueueInspector inspector({settings.broker_url, "switchyard-api-inspector"});
    api::ServiceList service_list(services, inspector);
    api::WorkerList worker_list(pool);
    api::HealthCheck health(pool, publisher, std::string(config::to_string(settings.mode)), ".");
    api::MetricsEndpoint metrics_endpoint(metrics);
    api::ApiDocs docs(api::build_openapi_document(
                          api::embedded::kOpenapi,
                          {{"TaskSubmission", api::embedded::kTaskSubmission}}, api::kVersion),
                      settings.docs_assets_dir);

    const api::ApiKeyGuard guard(clients);
    api::ApiServer server(
        {settings.api_host, settings.api_port, settings.api_threads, settings.max_body_bytes},
        api::make_routes({task_submission, task_queries, task_cancellation, dead_letters,
                          service_list, worker_list, health, metrics_endpoint, docs}),
        guard, metrics);
    server.start();
    spdlog::info("api listening on {}:{} (mode {})", settings.api_host, server.port(),
                 config::to_string(settings.mode));
    shutdown.wait();
    spdlog::info("api stopping");
    server.stop();
    publisher.stop();
    spdlog::info("api stopped");
    return 0;
  } catch (const config::ConfigError& e) {
    spdlog::critical("configuration error: {}", e.what());
    return 2;
  } catch (const std::exception& e) {
    spdlog::critical("api failed to start: {}", e.what());
    return 1;
  }
}
