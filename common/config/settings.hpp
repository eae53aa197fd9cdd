#pragma once
// Process settings from the environment (12-factor), read and validated once at
// start by Settings::from_environment(); nothing reads the environment later.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace switchyard::config {

enum class Mode { kMaster, kMasterOnly, kSlave };

struct Settings {
  std::string database_url = "postgresql://postgres:postgres@localhost:5432/tasks";
  std::string broker_url = "amqp://guest:guest@localhost:5672/";
  std::string api_host = "0.0.0.0";
  std::uint16_t api_port = 8000;
  int workers = 1;
  std::string log_level = "info";
  std::string services_config_file = "./config/services.yaml";
  std::string clients_config_file = "./config/clients.yaml";
  std::string migrations_dir = "./migrations";
  std::string docs_assets_dir = "./scripts/web/node_modules";
  Mode mode = Mode::kMaster;
  bool production = false;  // ENV=production: default secrets are refused
  int api_threads = 2;      // Pistache reactor threads
  std::size_t max_body_bytes = 1 << 20;
  int db_pool_size = 8;               // read connections per API process
  std::chrono::seconds max_wait{30};  // ceiling for Prefer: wait=N
  // After SIGTERM, how long a worker or listener may take to finish its window
  // before it exits anyway (its unacked messages then return to their queues).
  std::chrono::seconds shutdown_grace{30};
  // Handler threads per worker process: tasks of one window run side by side.
  int worker_concurrency = 4;
  // A handler still running past its task's timeout cannot be killed (it is a
  // thread): it is abandoned and replaced. Once this many are stuck at once the
  // worker re-executes itself, which ends them.
  int worker_max_stuck_runners = 8;

  // Identity: HS256 secret of the access tokens (at least 32 bytes; ENV=production
  // refuses the development default) and their lifetime.
  std::string jwt_secret{kDevelopmentJwtSecret};
  std::chrono::seconds jwt_lifetime{1800};
  // How often the API looks for identity changes made by other API processes.
  std::chrono::milliseconds identity_refresh{1000};
  bool metrics_public = true;        // METRICS_PUBLIC=false: /metrics needs metrics:read
  std::string cors_allowed_origins;  // comma-separated, or "*"; empty: no CORS headers
  // The tracker surface without credentials, for teams migrating from the original
  // Tracker (whose clients send none): off, read, or read-write.
  enum class Anonymous { kOff, kRead, kReadWrite } tracker_anonymous = Anonymous::kOff;
  // Release tracker: the client (cluster) and environment this instance reports
  // for when a collection names none, and how recent a slave's ping must be for
  // it to show online.
  std::string client_name = "unknown";
  std::string env_name = "unknown";
  std::chrono::seconds ping_online_within{300};

  static constexpr std::string_view kDevelopmentJwtSecret =
      "switchyard-development-jwt-secret-not-for-production";

  // Reads every variable through `getenv` (injectable for tests); throws
  // ConfigError naming the variable on a bad value.
  static Settings from_environment(
      const std::function<std::optional<std::string>(const char*)>& getenv);
  static Settings from_environment();
};

std::string_view to_string(Mode mode);

}  // namespace switchyard::config
