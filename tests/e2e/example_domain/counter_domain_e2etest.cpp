// The module seam, proven with the example domain of docs/adding-a-domain.md
// (tests/example_domain/counter): a folder of its own, plugged into an API and a
// worker by one line each, documents its routes, serves them with the platform's
// access checks and error format, and its task runs over the real broker and
// database: POST publishes counter.increment, a worker writes the row in the
// task's transaction, the API answers the counter after the write.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <thread>

#include "api_modules.hpp"
#include "completer.hpp"
#include "config/clients_config.hpp"
#include "config/yaml_document.hpp"
#include "counter/counter_api.hpp"
#include "counter/counter_repository.hpp"
#include "counter/counter_tasks.hpp"
#include "db/migrator.hpp"
#include "dispatcher.hpp"
#include "executor.hpp"
#include "http_client.hpp"
#include "identity/authenticator.hpp"
#include "identity/identity_cache.hpp"
#include "metrics/http_metrics.hpp"
#include "middleware/access_control.hpp"
#include "middleware/cors.hpp"
#include "middleware/login_throttle.hpp"
#include "middleware/rate_limiter.hpp"
#include "middleware/trusted_proxies.hpp"
#include "modules.hpp"
#include "runner_pool.hpp"
#include "security/jwt_codec.hpp"
#include "server.hpp"
#include "started_marker.hpp"
#include "storage/tasks/task_repository.hpp"
#include "task_consumer.hpp"
#include "test_servers.hpp"
#include "worker_modules.hpp"

namespace switchyard {
namespace {

using namespace std::chrono_literals;
using CounterModules = api::ApiModules<example::counter::CounterApi>;

// The counter's entry in a services.yaml: the one configuration line a domain adds.
constexpr const char* kServicesYaml = R"(
services:
  counter:
    description: the example domain's counters
    internal: true
    prefetch: 50
    actions:
      increment: {}
)";

const std::map<std::string, std::string> kAdmin = {{"Authorization", "Bearer dev-admin-key"},
                                                   {"Content-Type", "application/json"}};

// One API process serving only the counter module, and one worker serving only
// its task, composed the way api/main.cpp and workers/main.cpp compose theirs.
class CounterDomain : public ::testing::Test {
 protected:
  void SetUp() override {
    database_url_ = testing::fresh_database("counter_domain");
    broker_url_ = testing::fresh_vhost("counter_domain");
    db::Migrator(database_url_, testing::source_dir() + "/migrations").migrate();
    {
      pqxx::connection db(database_url_);
      pqxx::work tx(db);
      tx.exec0(example::counter::kCreateCountersTable);
      tx.commit();
    }
    const std::map<std::string, std::string> environment = {
        {"DATABASE_URL", database_url_}, {"BROKER_URL", broker_url_}, {"MAX_WAIT_SECONDS", "10"}};
    settings_.emplace(
        config::Settings::from_environment([&](const char* name) -> std::optional<std::string> {
          const auto it = environment.find(name);
          if (it == environment.end()) return std::nullopt;
          return it->second;
        }));
    services_.emplace(config::ServicesConfig::parse(
        config::YamlDocument::load_string(kServicesYaml, "services.yaml")));
    clients_.emplace(config::ClientsConfig::load_file(
        testing::source_dir() + "/config/clients.yaml", /*production=*/false));
    start_worker();
    start_api();
    // The publisher declares the queues when it connects; until then a write is a 503.
    ASSERT_TRUE(testing::eventually([this] { return publisher_->connected(); }, 10s));
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (consumer_) consumer_->stop();
    if (worker_loop_.joinable()) worker_loop_.join();
    if (started_) started_->stop();
    if (identity_) identity_->stop();
    if (publisher_) publisher_->stop();
    testing::drop_vhost("counter_domain");
  }

  void start_worker() {
    workers::WorkerModules<example::counter::CounterTasks>::add_to(dispatcher_, {*settings_});
    executor_.emplace(dispatcher_);
    started_.emplace(database_url_, 50ms);
    started_->start();
    runners_.emplace(*executor_, *started_, 4, 8);
    completer_.emplace(*executor_, *services_, *started_, *runners_);
    workers::TaskConsumerOptions options;
    options.broker = {broker_url_, "counter-worker", 5s, 0};
    options.database_url = database_url_;
    options.services = {"counter"};
    consumer_.emplace(options, *services_, *completer_);
    worker_loop_ = std::thread([this] { consumer_->run(); });
  }

  void start_api() {
    publisher_.emplace(amqp::TaskPublisherOptions{{broker_url_, "counter-api"}}, *services_);
    publisher_->start();
    pool_.emplace(
        db::PoolOptions{database_url_, 4, 2000ms, 5000ms, storage::prepare_task_statements});
    identity_.emplace(database_url_, *clients_, settings_->identity_refresh);
    identity_->start();
    jwt_.emplace(settings_->jwt_secret, "switchyard", settings_->jwt_lifetime);
    authenticator_.emplace(*identity_, *jwt_);
    proxies_.emplace(net::CidrList{});
    access_.emplace(*authenticator_, limiter_, clients_->rate_limits, *proxies_,
                    settings_->tracker_anonymous_from);
    throttle_.emplace(limiter_, api::RateLimit{"failed_logins", 5, 60s});
    openapi_ = CounterModules::openapi_document("test");
    context_.emplace(api::ModuleContext{*settings_, *services_, *clients_, *publisher_, *pool_,
                                        blocking_, metrics_, *identity_, *jwt_, *authenticator_,
                                        *access_, *throttle_, openapi_});
    modules_ = CounterModules::make(*context_);  // the API's one line: the module list
    cors_.emplace(std::string{});
    api::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    server_.emplace(options, CounterModules::routes(modules_, api::RouteOptions{}), *access_,
                    *cors_, metrics_);
    server_->start();
    client_.emplace("http://127.0.0.1:" + std::to_string(server_->port()));
  }

  std::string database_url_;
  std::string broker_url_;
  std::optional<config::Settings> settings_;
  std::optional<config::ServicesConfig> services_;
  std::optional<config::ClientsConfig> clients_;

  workers::Dispatcher dispatcher_;
  std::optional<workers::Executor> executor_;
  std::optional<workers::StartedMarker> started_;
  std::optional<workers::RunnerPool> runners_;
  std::optional<workers::Completer> completer_;
  std::optional<workers::TaskConsumer> consumer_;
  std::thread worker_loop_;

  api::HttpMetrics metrics_;
  api::RateLimiter limiter_;
  api::BlockingWork blocking_{2, 64};
  std::optional<amqp::TaskPublisher> publisher_;
  std::optional<db::ConnectionPool> pool_;
  std::optional<api::IdentityCache> identity_;
  std::optional<security::JwtCodec> jwt_;
  std::optional<api::Authenticator> authenticator_;
  std::optional<api::TrustedProxies> proxies_;
  std::optional<api::AccessControl> access_;
  std::optional<api::LoginThrottle> throttle_;
  std::string openapi_;
  std::optional<api::ModuleContext> context_;
  std::vector<std::unique_ptr<api::ApiModule>> modules_;
  std::optional<api::Cors> cors_;
  std::optional<api::ApiServer> server_;
  std::optional<testing::HttpClient> client_;
};

TEST_F(CounterDomain, AnIncrementRunsAsATaskAndAnswersTheCounterAfterTheWrite) {
  auto first = client_->request("POST", "/api/v1/counters/visits/increment", R"({"by":2})", kAdmin);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body, R"({"name":"visits","value":2})");
  auto second = client_->request("POST", "/api/v1/counters/visits/increment", "{}", kAdmin);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.body, R"({"name":"visits","value":3})");
  auto read = client_->request("GET", "/api/v1/counters/visits", {}, kAdmin);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.body, R"({"name":"visits","value":3})");

  // Each increment is a task of the counter service with its final state.
  pqxx::connection db(database_url_);
  pqxx::read_transaction tx(db);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM tasks WHERE service = 'counter' AND action = "
                     "'increment' AND status = 'succeeded'")[0]
                .as<int>(),
            2);
}

TEST_F(CounterDomain, ItsRoutesGetThePlatformsAccessChecksAndErrorFormat) {
  EXPECT_EQ(client_->request("POST", "/api/v1/counters/visits/increment", "{}").status, 401);
  EXPECT_EQ(client_->request("GET", "/api/v1/counters/visits").status, 401);
  const auto refused =
      client_->request("POST", "/api/v1/counters/visits/increment", R"({"by":0})", kAdmin);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find(R"("field":"by")"), std::string::npos) << refused.body;
  EXPECT_EQ(client_->request("GET", "/api/v1/counters/nobody", {}, kAdmin).status, 404);
}

// Adding the module to the real list is one line: the merged document takes its
// fragment without a clash, and every one of its routes is documented.
TEST(CounterDomainSeam, ItJoinsTheRealModuleListWithoutAClash) {
  using Extended = api::Modules::With<example::counter::CounterApi>;
  const std::string document = Extended::openapi_document("test");
  EXPECT_NE(document.find(R"("/api/v1/counters/{name}/increment")"), std::string::npos);
  EXPECT_EQ(Extended::route_table({}).size(),
            api::Modules::route_table({}).size() + CounterModules::route_table({}).size());
}

// The same for the worker: its kinds join the real worker modules' without a
// second handler for any kind.
TEST(CounterDomainSeam, ItJoinsTheRealWorkerModuleListWithoutAClash) {
  using Extended = workers::Modules::With<example::counter::CounterTasks>;
  const config::Settings settings;
  workers::Dispatcher dispatcher;
  EXPECT_NO_THROW(Extended::add_to(dispatcher, {settings}));
  EXPECT_EQ(Extended::kinds().size(), workers::Modules::kinds().size() + 1);
  EXPECT_NE(dispatcher.find("counter", "increment"), nullptr);
}

}  // namespace
}  // namespace switchyard
