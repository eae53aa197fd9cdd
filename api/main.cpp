// switchyard-api: the REST front (and the modules' own doors, such as the
// tracker's gRPC). Composition root: settings → configuration → publisher, pool,
// identity and access → the domain modules (modules.hpp) → their route table →
// server, then the modules' own servers; then wait for SIGTERM.
#include <spdlog/spdlog.h>

#include "amqp/task_publisher.hpp"
#include "config/config_error.hpp"
#include "config/settings.hpp"
#include "db/connection_pool.hpp"
#include "http/blocking_work.hpp"
#include "identity/authenticator.hpp"
#include "identity/identity_cache.hpp"
#include "logging/logging.hpp"
#include "metrics/http_metrics.hpp"
#include "middleware/access_control.hpp"
#include "middleware/api_peers.hpp"
#include "middleware/cors.hpp"
#include "middleware/login_throttle.hpp"
#include "middleware/rate_limiter.hpp"
#include "middleware/trusted_proxies.hpp"
#include "modules.hpp"
#include "process/shutdown_signal.hpp"
#include "security/jwt_codec.hpp"
#include "security/password_hash.hpp"
#include "server.hpp"
#include "storage/identity/accounts_repository.hpp"
#include "storage/tasks/task_repository.hpp"
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
    logging::init("api", settings.log_level, settings.log_format);
    const auto services = config::ServicesConfig::load_file(settings.services_config_file);
    const auto clients =
        config::ClientsConfig::load_file(settings.clients_config_file, settings.production);

    if (settings.production) refuse_default_admin_password(settings.database_url);

    api::HttpMetrics metrics;
    amqp::TaskPublisher publisher({{settings.broker_url, "switchyard-api"}}, services);
    publisher.start();
    db::ConnectionPool pool({settings.database_url, settings.db_pool_size,
                             std::chrono::milliseconds(2000), settings.db_statement_timeout,
                             storage::prepare_task_statements});

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
    // Argon2id, identity reloads and awaited answers, off the reactor threads.
    api::BlockingWork blocking(2, 256);
    const std::string openapi = api::Modules::openapi_document(kVersion);
    api::ModuleContext context{settings, services,       clients,  publisher, pool,
                               blocking, metrics,        identity, jwt,       authenticator,
                               access,   login_throttle, openapi};
    const auto modules = api::Modules::make(context);
    const api::RouteOptions route_options{
        settings.metrics_public, settings.tracker_anonymous != config::Settings::Anonymous::kOff,
        settings.tracker_anonymous == config::Settings::Anonymous::kReadWrite};

    const api::Cors cors(settings.cors_allowed_origins);
    api::ApiServer server({settings.api_host,
                           settings.api_port,
                           settings.api_threads,
                           settings.max_body_bytes,
                           {settings.max_header_bytes, settings.max_header_count},
                           {settings.json_max_depth}},
                          api::Modules::routes(modules, route_options), access, cors, metrics,
                          api::Modules::fallback(modules));
    server.start();
    spdlog::info("api listening on {}:{} (mode {})", settings.api_host, server.port(),
                 config::to_string(settings.mode));
    api::Modules::start(modules, route_options);
    shutdown.wait();
    spdlog::info("api stopping");
    server.stop();
    api::Modules::stop(modules);
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
