#include "test_stack.hpp"

#include <filesystem>
#include <stdexcept>

#include "db/migrator.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {

TestStack::TestStack(TestStackOptions options) : options_(std::move(options)) {
  database_url_ = fresh_database(options_.name);
  broker_url_ = fresh_vhost(options_.name);
  db::Migrator(database_url_, source_dir() + "/migrations").migrate();
  port_ = free_port();
  base_url_ = "http://127.0.0.1:" + std::to_string(port_);
  std::filesystem::create_directories(build_dir() + "/test-logs");

  listener_ = start_process("switchyard-listener", "listener");
  for (int i = 1; i <= options_.workers; ++i) {
    workers_.push_back(start_process("switchyard-worker", "worker-" + std::to_string(i)));
  }
  api_ = start_process("switchyard-api", "api");
  wait_healthy();
}

TestStack::~TestStack() {
  if (api_) api_->stop();
  for (auto& worker : workers_) worker->stop();
  if (listener_) listener_->stop();
  drop_vhost(options_.name);
}

std::map<std::string, std::string> TestStack::environment() const {
  const std::string source = source_dir();
  std::map<std::string, std::string> env{
      {"DATABASE_URL", database_url_},
      {"BROKER_URL", broker_url_},
      {"API_HOST", "127.0.0.1"},
      {"API_PORT", std::to_string(port_)},
      // The tracker's gRPC door is off unless a test opens it on a port of its own.
      {"GRPC_PORT", "0"},
      // So is the event stream's listener (/ws); SSE on API_PORT works without it.
      {"WS_PORT", "0"},
      {"LOG_LEVEL", "info"},
      {"SERVICES_CONFIG_FILE", source + "/config/services.yaml"},
      {"CLIENTS_CONFIG_FILE", source + "/config/clients.yaml"},
      {"ALERTS_CONFIG_FILE", source + "/config/alerts.yaml"},
      {"MIGRATIONS_DIR", source + "/migrations"},
      {"DOCS_ASSETS_DIR", source + "/scripts/web/node_modules"},
      {"CONSOLE_ASSETS_DIR", source + "/api/console/assets"},
  };
  for (const auto& [name, value] : options_.extra_env) env[name] = value;
  return env;
}

std::unique_ptr<ChildProcess> TestStack::start_process(const std::string& binary,
                                                       const std::string& tag) {
  const std::string log = build_dir() + "/test-logs/" + options_.name + "-" + tag + ".log";
  std::filesystem::remove(log);
  auto env = environment();
  if (!options_.extra_env.count("METRICS_PORT")) {
    metrics_ports_[tag] = free_port();
    env["METRICS_PORT"] = std::to_string(metrics_ports_[tag]);
  }
  return std::make_unique<ChildProcess>(build_dir() + "/" + binary, std::vector<std::string>{}, env,
                                        log);
}

void TestStack::wait_healthy() {
  HttpClient client(base_url_);
  const bool healthy = eventually([&] { return client.request("GET", "/health").status == 200; },
                                  std::chrono::seconds(30));
  if (!healthy) {
    throw std::runtime_error("the api never became healthy; its log:\n" + api_->log());
  }
}

}  // namespace switchyard::testing
