#pragma once
// Process settings from the environment (12-factor), read and validated once at
// start by Settings::from_environment(); nothing reads the environment later.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "logging/logging.hpp"
#include "net/cidr.hpp"

namespace switchyard::config {

enum class Mode { kMaster, kMasterOnly, kSlave };

// How the release tracker reaches its Kubernetes cluster: KUBE_API_URL with a
// token and CA from configuration, or the in-cluster service account (the
// KUBERNETES_SERVICE_HOST/PORT variables Kubernetes sets in every pod, and the
// token and CA it mounts). The token file is read at each collection because
// projected service-account tokens rotate.
struct KubernetesAccess {
  static constexpr std::string_view kServiceAccountDir =
      "/var/run/secrets/kubernetes.io/serviceaccount";

  std::string api_url;                  // empty: no cluster configured
  std::string token;                    // KUBE_TOKEN; wins over token_file
  std::string token_file;               // KUBE_TOKEN_FILE, or the service account's
  std::string ca_file;                  // KUBE_CA_FILE, or the service account's; empty: system CAs
  std::vector<std::string> namespaces;  // KUBE_NAMESPACES; empty: every namespace
  std::chrono::milliseconds request_timeout{10000};

  bool configured() const { return !api_url.empty(); }
};

// The services an incident's orchestration calls (docs/incidents.md,
// "Orchestration"). A step whose service is not configured is recorded as
// skipped, not failed.
struct IncidentIntegrations {
  static constexpr std::string_view kDevelopmentSlackSigningSecret =
      "switchyard-development-slack-signing-secret";
  // Slack's Web API: the war room (conversations.create, conversations.invite) and
  // the on-call's direct message. No token: neither.
  std::string slack_api_url = "https://slack.com/api";  // SLACK_API_URL
  std::string slack_bot_token;                          // SLACK_BOT_TOKEN
  // Slack's requests to /api/v1/slack/* (docs/slack.md): the app's signing secret
  // (ENV=production drops the development default: empty, every Slack request is
  // refused), and the hosts a request's response_url may name
  // (SLACK_RESPONSE_URL_HOSTS, comma-separated).
  std::string slack_signing_secret{kDevelopmentSlackSigningSecret};  // SLACK_SIGNING_SECRET
  std::vector<std::string> slack_response_hosts{"hooks.slack.com"};
  // The document service: POST <url> with the incident answers {"url": ...}, the
  // incident document (LID). Token: sent as Bearer.
  std::string docs_url;    // INCIDENT_DOCS_URL
  std::string docs_token;  // INCIDENT_DOCS_TOKEN
  // The on-call notifier (a pager gateway, a chat webhook): POST <url> with the
  // incident and the person on call.
  std::string notify_url;    // ONCALL_NOTIFY_URL
  std::string notify_token;  // ONCALL_NOTIFY_TOKEN
  std::chrono::milliseconds request_timeout{10000};
};

struct Settings {
  std::string database_url = "postgresql://postgres:postgres@localhost:5432/tasks";
  // One amqp:// URL, or a cluster's nodes separated by commas (amqp/broker_addresses.hpp).
  std::string broker_url = "amqp://guest:guest@localhost:5672/";
  std::string api_host = "0.0.0.0";
  std::uint16_t api_port = 8000;
  // The tracker's gRPC door (docs/tracker.md), the original Tracker's port; 0 turns
  // it off.
  std::uint16_t grpc_port = 8765;
  // The live event stream's own listener (/ws, and /api/v1/events/stream for a
  // proxy that routes it there; docs/console.md "Live events"); 0 turns it off
  // (SSE on API_PORT still works).
  std::uint16_t ws_port = 8002;
  std::size_t event_stream_max_connections = 1000;  // EVENT_STREAM_MAX_CONNECTIONS
  std::size_t event_stream_queue = 1000;  // EVENT_STREAM_QUEUE: events queued per subscriber
  // The scrape endpoint of the worker and the listener (docs/observability.md);
  // unset, each takes its own default (worker 9101, listener 9102); 0 turns it off.
  // The API serves /metrics on API_PORT.
  std::optional<std::uint16_t> metrics_port;
  int workers = 1;
  std::string log_level = "info";
  // LOG_FORMAT: text (default) or json, one JSON object per line (docs/observability.md).
  logging::LogFormat log_format = logging::LogFormat::kText;
  std::string services_config_file = "./config/services.yaml";
  std::string clients_config_file = "./config/clients.yaml";
  std::string migrations_dir = "./migrations";
  std::string docs_assets_dir = "./scripts/web/node_modules";
  // CONSOLE_ASSETS_DIR: the web console's files (docs/console.md), served at / and /static/.
  std::string console_assets_dir = "./api/console/assets";
  Mode mode = Mode::kMaster;
  bool production = false;  // ENV=production: default secrets are refused
  int api_threads = 2;      // Pistache reactor threads
  std::size_t max_body_bytes = 1 << 20;
  // Request input limits (docs/security.md, "Input limits"): JSON nesting, and the
  // header fields answered 431 past their total size or count.
  std::size_t json_max_depth = 64;
  std::size_t max_header_bytes = 16 << 10;
  std::size_t max_header_count = 100;
  int db_pool_size = 8;  // read connections per API process
  // How long one statement of the API's reads may run before PostgreSQL cancels
  // it (the request then answers 503 with Retry-After).
  std::chrono::milliseconds db_statement_timeout{5000};
  std::chrono::seconds max_wait{30};  // ceiling for Prefer: wait=N
  int workflow_max_steps = 500;       // steps of one workflow (WORKFLOW_MAX_STEPS)
  // After SIGTERM, how long a worker or listener may take to finish its window
  // before it exits anyway (its unacked messages then return to their queues).
  std::chrono::seconds shutdown_grace{30};
  // Handler threads per worker process: tasks of one window run side by side.
  int worker_concurrency = 4;
  // A handler still running past its task's timeout cannot be killed (it is a
  // thread): it is abandoned and replaced. Once this many are stuck at once the
  // worker re-executes itself, which ends them.
  int worker_max_stuck_runners = 8;
  // The services one worker consumes (WORKER_SERVICES, comma-separated), like
  // Celery's `-Q`: empty means every service it has handlers for. Lets a pool of
  // its own serve slow outbound steps so they never share a window with fast writes.
  std::vector<std::string> worker_services;

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
  // Where anonymous tracker callers may come from (CIDRs); empty: anywhere.
  // ENV=production refuses TRACKER_ANONYMOUS=read-write without it.
  net::CidrList tracker_anonymous_from;
  // Peers whose X-Forwarded-For names the client (CIDRs); empty: the TCP peer is
  // the client, whatever the header says.
  net::CidrList trusted_proxies;
  // REGISTRATION_ENABLED=false: POST /auth/register answers 403.
  bool registration_enabled = true;
  // How long after a sign-in /auth/refresh keeps issuing tokens for it; then the
  // user signs in again.
  std::chrono::seconds jwt_refresh_max_age{7 * 86400};
  // Release tracker: the client (cluster) and environment this instance reports
  // for when a collection names none, and how recent a slave's ping must be for
  // it to show online.
  std::string client_name = "unknown";
  std::string env_name = "unknown";
  std::chrono::seconds ping_online_within{300};
  // Finished tasks (succeeded, failed, cancelled) leave the ledger this long after
  // they finished (the scheduler purges them, like Celery's result_expires); 0
  // keeps them forever. Also the window in which an Idempotency-Key is recognised.
  std::chrono::hours task_retention{168};
  KubernetesAccess kubernetes;
  // How often the scheduler enqueues a cluster collection (releases.collect) when a
  // cluster is configured; 0 turns periodic collection off.
  std::chrono::seconds collect_interval{300};
  // MODE=slave: the master that receives this instance's releases and pings
  // (required in that mode), the key it accepts, and how often to ping.
  std::string master_url;
  std::string master_api_key;
  std::chrono::seconds ping_interval{60};
  IncidentIntegrations incidents;
  // The API's address as clients reach it (https://imas.example.com), for the
  // absolute links of IMAS pages (`next`, `previous`); empty: taken from the
  // request's Host header.
  std::string public_url;
  // Completion callbacks may call private, loopback and link-local addresses
  // (docs/callbacks.md). CALLBACK_ALLOW_PRIVATE; default true, false with
  // ENV=production.
  bool callback_allow_private = true;
  // How long after a task's final state a failing callback is tried again before
  // it is given up (docs/callbacks.md). CALLBACK_GIVE_UP_SECONDS, 1 .. 604800;
  // default one hour.
  std::chrono::seconds callback_give_up{3600};
  // Plugins (docs/plugins.md): the folder installed plugins live in (PLUGINS_DIR,
  // default var/plugins; shared by every worker host that serves plugins), and
  // whether the `exec` runtime may run commands (PLUGINS_EXEC; default true,
  // false with ENV=production).
  std::string plugins_dir = "var/plugins";
  bool plugins_exec = true;
  // Alert intake (docs/alerts.md): the sources' file (ALERTS_CONFIG_FILE) and
  // their shared secrets from ALERTS_<SOURCE>_SECRET (ALERTS_ALERTMANAGER_SECRET,
  // …_GRAFANA_, …_DATADOG_, …_GENERIC_, …_EVENTS_V2_), by lower-case source name;
  // a secret here replaces the file's.
  std::string alerts_config_file = "./config/alerts.yaml";
  std::map<std::string, std::string> alert_secrets;

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
