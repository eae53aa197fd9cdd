// switchyard-api: the REST front. Composition root: settings → configuration →
// publisher, pool, handlers → route table → server; then wait for SIGTERM.
#include <spdlog/spdlog.h>

#include "amqp/queue_inspector.hpp"
#include "amqp/task_publisher.hpp"
#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "db/connection_pool.hpp"
#include "handlers/identity/accounts.hpp"
#include "handlers/identity/api_keys.hpp"
#include "handlers/identity/auth_tokens.hpp"
#include "handlers/identity/roles.hpp"
#include "handlers/identity/users.hpp"
#include "handlers/platform/service_list.hpp"
#include "handlers/releases/badges.hpp"
#include "handlers/releases/collection.hpp"
#include "handlers/releases/master.hpp"
#include "handlers/releases/release_views.hpp"
#include "handlers/platform/worker_list.hpp"
#include "handlers/system/api_docs.hpp"
#include "handlers/system/health_check.hpp"
#include "handlers/system/metrics_endpoint.hpp"
#include "handlers/tasks/dead_letters.hpp"
#include "handlers/tasks/task_cancellation.hpp"
#include "handlers/tasks/task_queries.hpp"
#include "handlers/tasks/task_submission.hpp"
#include "handlers/tracker/catalog.hpp"
#include "handlers/tracker/events.hpp"
#include "handlers/tracker/locks.hpp"
#include "http/awaited_writer.hpp"
#include "http/blocking_work.hpp"
#include "identity/authenticator.hpp"
#include "identity/identity_cache.hpp"
#include "logging/logging.hpp"
#include "middleware/access_control.hpp"
#include "middleware/api_peers.hpp"
#include "middleware/cors.hpp"
#include "middleware/login_throttle.hpp"
#include "middleware/rate_limiter.hpp"
#include "middleware/trusted_proxies.hpp"
#include "openapi/openapi_document.hpp"
#include "process/shutdown_signal.hpp"
#include "security/jwt_codec.hpp"
#include "security/password_hash.hpp"
#include "server.hpp"
#include "storage/identity/accounts_repository.hpp"
#include "storage/tasks/task_repository.hpp"
#include "switchyard_api_core_embedded.hpp"
#include "version.hpp"

using namespace switchyard;

namespace {

// ENV=production refuses to serve while the development account still signs in
// with its documented password.
void refuse_default_admin_password(const std::string& database_url) {
  try {
    pqxx::connection db(database_url);
    pqxx::read_transaction tx(db);
    const auto admin = storage::identity::find_credentials(tx, "admin");
    if (admin && security::verify_password(admin->password_hash, "admin")) {
      throw config::ConfigError(
          "ENV=production: user admin still has the development password; change it first");
    }
  } catch (const pqxx::failure& e) {
    throw config::ConfigError(
        std::string("ENV=production: cannot check for default credentials: ") + e.what());
  }
}

}  // namespace

int main() {
  process::ShutdownSignal shutdown;
  try {
    const auto settings = config::Settings::from_environment();
    logging::init("api", settings.log_level);
    const auto services = config::ServicesConfig::load_file(settings.services_config_file);
    const auto clients =
        config::ClientsConfig::load_file(settings.clients_config_file, settings.production);

    if (settings.production) refuse_default_admin_password(settings.database_url);

    api::HttpMetrics metrics;
    amqp::TaskPublisher publisher({{settings.broker_url, "switchyard-api"}}, services);
    publisher.start();
    db::ConnectionPool pool({settings.database_url, settings.db_pool_size,
                             std::chrono::milliseconds(2000), std::chrono::milliseconds(5000),
                             storage::prepare_task_statements});

    api::TaskSubmission task_submission(services, publisher, pool, metrics,
                                        api::embedded::kTaskSubmission, settings.max_wait,
                                        settings.production);
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
                          {{"TaskSubmission", api::embedded::kTaskSubmission}}, kVersion),
                      settings.docs_assets_dir);

    api::IdentityCache identity(settings.database_url, clients, settings.identity_refresh);
    identity.start();
    const security::JwtCodec jwt(settings.jwt_secret, "switchyard", settings.jwt_lifetime);
    const api::Authenticator authenticator(identity, jwt);
    api::RateLimiter limiter;
    api::ApiPeers peers({settings.broker_url, "switchyard-api-peers"}, limiter);
    peers.start();
    const api::TrustedProxies proxies(settings.trusted_proxies);
    const api::AccessControl access(authenticator, limiter, clients.rate_limits, proxies,
                                    settings.tracker_anonymous_from);
    api::LoginThrottle login_throttle(limiter,
                                      {"failed_logins", clients.rate_limits.failed_logins.requests,
                                       clients.rate_limits.failed_logins.period});
    // Argon2id and identity reloads, off the reactor threads.
    api::BlockingWork blocking(2, 256);
    api::AwaitedWriter identity_writer(publisher, blocking, services, settings.max_wait,
                                       {"identity", true, [&identity] { identity.refresh_now(); }});
    api::Accounts accounts(identity_writer, identity, blocking, pool, jwt, login_throttle,
                           {settings.registration_enabled, settings.jwt_refresh_max_age});
    api::AuthTokens auth_tokens(identity_writer, blocking, pool, login_throttle);
    api::Roles roles(identity_writer, pool, identity);
    api::Users users(identity_writer, pool, identity);
    api::ApiKeys api_keys(identity_writer, pool, identity);
    api::AwaitedWriter tracker_writer(publisher, blocking, services, settings.max_wait,
                                      {"tracker", false, nullptr});
    api::tracker::Events events(tracker_writer, pool);
    api::tracker::Catalog catalog(tracker_writer, pool);
    api::tracker::Locks locks(tracker_writer, pool);
    api::AwaitedWriter release_writer(publisher, blocking, services, settings.max_wait,
                                      {"releases", false, nullptr});
    api::releases::Collection collection(release_writer, settings);
    api::releases::ReleaseViews release_views(pool, settings);
    api::releases::Master master(release_writer, pool, settings);
    api::releases::Badges badges(pool, authenticator, access);

    const api::Cors cors(settings.cors_allowed_origins);
    const api::Handlers handlers{task_submission,
                                 task_queries,
                                 task_cancellation,
                                 dead_letters,
                                 service_list,
                                 worker_list,
                                 health,
                                 metrics_endpoint,
                                 docs,
                                 accounts,
                                 auth_tokens,
                                 roles,
                                 users,
                                 api_keys,
                                 events,
                                 catalog,
                                 locks,           collection,   release_views,     master,
                                 badges};
    api::ApiServer server(
        {settings.api_host, settings.api_port, settings.api_threads, settings.max_body_bytes,
         {settings.max_header_bytes, settings.max_header_count}, {settings.json_max_depth}},
        api::make_routes(handlers,
                         {settings.metrics_public,
                          settings.tracker_anonymous != config::Settings::Anonymous::kOff,
                          settings.tracker_anonymous == config::Settings::Anonymous::kReadWrite}),
        access, cors, metrics);
    server.start();
    spdlog::info("api listening on {}:{} (mode {})", settings.api_host, server.port(),
                 config::to_string(settings.mode));
    shutdown.wait();
    spdlog::info("api stopping");
    server.stop();
    peers.stop();
    identity.stop();
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
