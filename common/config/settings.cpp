#include "config/settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "amqp/broker_addresses.hpp"
#include "config/config_error.hpp"

namespace switchyard::config {
namespace {

using Getenv = std::function<std::optional<std::string>(const char*)>;

template <typename Int>
Int parse_int(const char* name, const std::string& text, Int min, Int max) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    throw ConfigError(fmt::format("environment variable {}={:?}: expected an integer in [{}, {}]",
                                  name, text, min, max));
  }
  return value;
}

Mode parse_mode(const std::string& text) {
  if (text == "master") return Mode::kMaster;
  if (text == "master-only") return Mode::kMasterOnly;
  if (text == "slave") return Mode::kSlave;
  throw ConfigError(
      fmt::format("environment variable MODE={:?}: expected master, master-only or slave", text));
}

void require_scheme(const char* name, const std::string& url,
                    std::initializer_list<std::string_view> schemes) {
  for (auto scheme : schemes) {
    if (url.starts_with(scheme)) return;
  }
  throw ConfigError(fmt::format("environment variable {}={:?}: unsupported URL scheme", name, url));
}

// AMQP clients fill a missing user or password with `guest`: amqp://host/ is
// guest/guest, amqp://svc@host/ is svc/guest.
bool uses_guest_account(const std::string& url) {
  const auto authority_start = url.find("://") + 3;
  const auto authority_end = std::min(url.find('/', authority_start), url.size());
  const std::string authority = url.substr(authority_start, authority_end - authority_start);
  const auto at = authority.rfind('@');
  if (at == std::string::npos) return true;
  const std::string userinfo = authority.substr(0, at);
  const auto colon = userinfo.find(':');
  const std::string user = userinfo.substr(0, colon);
  const std::string password = colon == std::string::npos ? "" : userinfo.substr(colon + 1);
  return user.empty() || user == "guest" || password.empty() || password == "guest";
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, end - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) items.push_back(std::move(item));
    start = end + 1;
  }
  return items;
}

IncidentIntegrations incident_integrations(const Getenv& getenv) {
  IncidentIntegrations i;
  const auto url = [&](const char* name, std::string& into) {
    if (auto v = getenv(name); v && !v->empty()) {
      into = *v;
      require_scheme(name, into, {"https://", "http://"});
      while (into.back() == '/') into.pop_back();
    }
  };
  const auto text = [&](const char* name, std::string& into) {
    if (auto v = getenv(name); v && !v->empty()) into = *v;
  };
  url("SLACK_API_URL", i.slack_api_url);
  text("SLACK_BOT_TOKEN", i.slack_bot_token);
  text("SLACK_SIGNING_SECRET", i.slack_signing_secret);
  if (auto v = getenv("SLACK_RESPONSE_URL_HOSTS"); v && !v->empty()) {
    i.slack_response_hosts = split_list(*v);
  }
  url("INCIDENT_DOCS_URL", i.docs_url);
  text("INCIDENT_DOCS_TOKEN", i.docs_token);
  url("ONCALL_NOTIFY_URL", i.notify_url);
  text("ONCALL_NOTIFY_TOKEN", i.notify_token);
  if (auto v = getenv("INCIDENT_HTTP_TIMEOUT_MS"); v && !v->empty()) {
    i.request_timeout =
        std::chrono::milliseconds(parse_int("INCIDENT_HTTP_TIMEOUT_MS", *v, 100, 120000));
  }
  return i;
}

KubernetesAccess kubernetes_access(const Getenv& getenv) {
  KubernetesAccess k;
  const std::string sa_dir(KubernetesAccess::kServiceAccountDir);
  if (auto v = getenv("KUBE_API_URL"); v && !v->empty()) {
    k.api_url = *v;
    require_scheme("KUBE_API_URL", k.api_url, {"https://", "http://"});
  } else if (auto host = getenv("KUBERNETES_SERVICE_HOST"); host && !host->empty()) {
    const auto port = getenv("KUBERNETES_SERVICE_PORT").value_or("443");
    // An IPv6 service address needs brackets in a URL.
    const bool ipv6 = host->find(':') != std::string::npos;
    k.api_url = fmt::format("https://{}{}{}:{}", ipv6 ? "[" : "", *host, ipv6 ? "]" : "", port);
    k.token_file = sa_dir + "/token";
    k.ca_file = sa_dir + "/ca.crt";
  }
  while (!k.api_url.empty() && k.api_url.back() == '/') k.api_url.pop_back();
  if (auto v = getenv("KUBE_TOKEN"); v && !v->empty()) k.token = *v;
  if (auto v = getenv("KUBE_TOKEN_FILE"); v && !v->empty()) k.token_file = *v;
  if (auto v = getenv("KUBE_CA_FILE"); v && !v->empty()) k.ca_file = *v;
  if (auto v = getenv("KUBE_NAMESPACES"); v) k.namespaces = split_list(*v);
  if (auto v = getenv("KUBE_TIMEOUT_SECONDS"); v && !v->empty()) {
    k.request_timeout = std::chrono::seconds(parse_int("KUBE_TIMEOUT_SECONDS", *v, 1, 600));
  }
  return k;
}

// A comma-separated list of CIDRs (empty when unset).
net::CidrList cidr_list(const Getenv& getenv, const char* name) {
  const auto v = getenv(name);
  if (!v) return {};
  try {
    return net::CidrList::parse(*v);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(fmt::format("environment variable {}: {}", name, e.what()));
  }
}

// ENV=production: settings that open the deployment wider than a production one
// should be, each refused with what to set instead.
void refuse_open_settings(const Settings& s) {
  for (const auto& origin : split_list(s.cors_allowed_origins)) {
    if (origin == "*") {
      throw ConfigError(
          "ENV=production: CORS_ALLOWED_ORIGINS=* lets every web page call the API; list the "
          "origins");
    }
  }
  if (s.master_url.starts_with("http://")) {
    throw ConfigError(
        "ENV=production: MASTER_URL uses http://, which sends MASTER_API_KEY in clear; use "
        "https://");
  }
  if (s.kubernetes.api_url.starts_with("http://")) {
    throw ConfigError(
        "ENV=production: KUBE_API_URL uses http://, which sends the cluster token in clear; use "
        "https://");
  }
  if (s.tracker_anonymous == Settings::Anonymous::kReadWrite && s.tracker_anonymous_from.empty()) {
    throw ConfigError(
        "ENV=production: TRACKER_ANONYMOUS=read-write lets anyone write the tracker; set "
        "TRACKER_ANONYMOUS_FROM to the networks its clients call from (CIDRs)");
  }
}

}  // namespace

Settings Settings::from_environment(const Getenv& getenv) {
  Settings s;
  auto text = [&](const char* name, std::string& field) {
    if (auto v = getenv(name); v && !v->empty()) field = *v;
  };
  text("DATABASE_URL", s.database_url);
  text("BROKER_URL", s.broker_url);
  text("API_HOST", s.api_host);
  text("LOG_LEVEL", s.log_level);
  text("SERVICES_CONFIG_FILE", s.services_config_file);
  text("CLIENTS_CONFIG_FILE", s.clients_config_file);
  text("MIGRATIONS_DIR", s.migrations_dir);
  text("DOCS_ASSETS_DIR", s.docs_assets_dir);
  text("CONSOLE_ASSETS_DIR", s.console_assets_dir);
  text("PLUGINS_DIR", s.plugins_dir);
  text("ALERTS_CONFIG_FILE", s.alerts_config_file);
  for (const char* source : {"alertmanager", "grafana", "datadog", "generic", "events_v2"}) {
    std::string name = "ALERTS_" + std::string(source) + "_SECRET";
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (auto v = getenv(name.c_str()); v && !v->empty()) s.alert_secrets[source] = *v;
  }
  if (auto v = getenv("API_PORT"); v && !v->empty()) {
    s.api_port = parse_int<std::uint16_t>("API_PORT", *v, 0, 65535);
  }
  if (auto v = getenv("GRPC_PORT"); v && !v->empty()) {
    s.grpc_port = parse_int<std::uint16_t>("GRPC_PORT", *v, 0, 65535);
  }
  if (auto v = getenv("WS_PORT"); v && !v->empty()) {
    s.ws_port = parse_int<std::uint16_t>("WS_PORT", *v, 0, 65535);
  }
  if (auto v = getenv("EVENT_STREAM_MAX_CONNECTIONS"); v && !v->empty()) {
    s.event_stream_max_connections =
        parse_int<std::size_t>("EVENT_STREAM_MAX_CONNECTIONS", *v, 1, 100000);
  }
  if (auto v = getenv("EVENT_STREAM_QUEUE"); v && !v->empty()) {
    s.event_stream_queue = parse_int<std::size_t>("EVENT_STREAM_QUEUE", *v, 1, 100000);
  }
  if (auto v = getenv("METRICS_PORT"); v && !v->empty()) {
    s.metrics_port = parse_int<std::uint16_t>("METRICS_PORT", *v, 0, 65535);
  }
  if (auto v = getenv("WORKERS"); v && !v->empty()) s.workers = parse_int("WORKERS", *v, 1, 256);
  if (auto v = getenv("API_THREADS"); v && !v->empty()) {
    s.api_threads = parse_int("API_THREADS", *v, 1, 64);
  }
  if (auto v = getenv("MAX_BODY_BYTES"); v && !v->empty()) {
    s.max_body_bytes = parse_int<std::size_t>("MAX_BODY_BYTES", *v, 1024, 64 << 20);
  }
  // 512 levels keep RapidJSON's recursion on a reactor thread and PostgreSQL's
  // jsonb parser (max_stack_depth 2 MB) far from their stacks' ends.
  if (auto v = getenv("JSON_MAX_DEPTH"); v && !v->empty()) {
    s.json_max_depth = parse_int<std::size_t>("JSON_MAX_DEPTH", *v, 2, 512);
  }
  if (auto v = getenv("MAX_HEADER_BYTES"); v && !v->empty()) {
    s.max_header_bytes = parse_int<std::size_t>("MAX_HEADER_BYTES", *v, 1024, 1 << 20);
  }
  if (auto v = getenv("MAX_HEADER_COUNT"); v && !v->empty()) {
    s.max_header_count = parse_int<std::size_t>("MAX_HEADER_COUNT", *v, 8, 10000);
  }
  if (auto v = getenv("DB_POOL_SIZE"); v && !v->empty()) {
    s.db_pool_size = parse_int("DB_POOL_SIZE", *v, 1, 128);
  }
  if (auto v = getenv("DB_STATEMENT_TIMEOUT_MS"); v && !v->empty()) {
    s.db_statement_timeout =
        std::chrono::milliseconds(parse_int("DB_STATEMENT_TIMEOUT_MS", *v, 1, 600000));
  }
  if (auto v = getenv("MAX_WAIT_SECONDS"); v && !v->empty()) {
    s.max_wait = std::chrono::seconds(parse_int("MAX_WAIT_SECONDS", *v, 1, 600));
  }
  if (auto v = getenv("WORKFLOW_MAX_STEPS"); v && !v->empty()) {
    s.workflow_max_steps = parse_int("WORKFLOW_MAX_STEPS", *v, 1, 10000);
  }
  if (auto v = getenv("SHUTDOWN_GRACE_SECONDS"); v && !v->empty()) {
    s.shutdown_grace = std::chrono::seconds(parse_int("SHUTDOWN_GRACE_SECONDS", *v, 1, 3600));
  }
  if (auto v = getenv("WORKER_CONCURRENCY"); v && !v->empty()) {
    s.worker_concurrency = parse_int("WORKER_CONCURRENCY", *v, 1, 256);
  }
  if (auto v = getenv("WORKER_MAX_STUCK_RUNNERS"); v && !v->empty()) {
    s.worker_max_stuck_runners = parse_int("WORKER_MAX_STUCK_RUNNERS", *v, 1, 1024);
  }
  if (auto v = getenv("WORKER_SERVICES"); v) s.worker_services = split_list(*v);
  if (auto v = getenv("JWT_SECRET"); v && !v->empty()) {
    if (v->size() < 32) {
      throw ConfigError("environment variable JWT_SECRET: must be at least 32 bytes");
    }
    s.jwt_secret = *v;
  }
  if (auto v = getenv("JWT_EXPIRES_SECONDS"); v && !v->empty()) {
    s.jwt_lifetime = std::chrono::seconds(parse_int("JWT_EXPIRES_SECONDS", *v, 60, 86400 * 30));
  }
  if (auto v = getenv("IDENTITY_REFRESH_MS"); v && !v->empty()) {
    s.identity_refresh =
        std::chrono::milliseconds(parse_int("IDENTITY_REFRESH_MS", *v, 100, 60000));
  }
  if (auto v = getenv("METRICS_PUBLIC"); v && !v->empty()) {
    if (*v != "true" && *v != "false") {
      throw ConfigError(
          fmt::format("environment variable METRICS_PUBLIC={:?}: expected true or false", *v));
    }
    s.metrics_public = (*v == "true");
  }
  if (auto v = getenv("CORS_ALLOWED_ORIGINS"); v) s.cors_allowed_origins = *v;
  if (auto v = getenv("TRACKER_ANONYMOUS"); v && !v->empty()) {
    if (*v == "off") {
      s.tracker_anonymous = Settings::Anonymous::kOff;
    } else if (*v == "read") {
      s.tracker_anonymous = Settings::Anonymous::kRead;
    } else if (*v == "read-write") {
      s.tracker_anonymous = Settings::Anonymous::kReadWrite;
    } else {
      throw ConfigError(fmt::format(
          "environment variable TRACKER_ANONYMOUS={:?}: expected off, read or read-write", *v));
    }
  }
  s.tracker_anonymous_from = cidr_list(getenv, "TRACKER_ANONYMOUS_FROM");
  s.trusted_proxies = cidr_list(getenv, "TRUSTED_PROXIES");
  if (auto v = getenv("REGISTRATION_ENABLED"); v && !v->empty()) {
    if (*v != "true" && *v != "false") {
      throw ConfigError(fmt::format(
          "environment variable REGISTRATION_ENABLED={:?}: expected true or false", *v));
    }
    s.registration_enabled = (*v == "true");
  }
  if (auto v = getenv("JWT_REFRESH_MAX_AGE_SECONDS"); v && !v->empty()) {
    s.jwt_refresh_max_age =
        std::chrono::seconds(parse_int("JWT_REFRESH_MAX_AGE_SECONDS", *v, 60, 86400 * 366));
  }
  if (auto v = getenv("CLIENT_NAME"); v && !v->empty()) s.client_name = *v;
  if (auto v = getenv("ENV_NAME"); v && !v->empty()) s.env_name = *v;
  if (auto v = getenv("PING_ONLINE_SECONDS"); v && !v->empty()) {
    s.ping_online_within = std::chrono::seconds(parse_int("PING_ONLINE_SECONDS", *v, 10, 86400));
  }
  if (auto v = getenv("MODE"); v && !v->empty()) s.mode = parse_mode(*v);
  s.kubernetes = kubernetes_access(getenv);
  if (auto v = getenv("TASK_RETENTION_HOURS"); v && !v->empty()) {
    s.task_retention = std::chrono::hours(parse_int("TASK_RETENTION_HOURS", *v, 0, 87600));
  }
  if (auto v = getenv("COLLECT_INTERVAL_SECONDS"); v && !v->empty()) {
    s.collect_interval = std::chrono::seconds(parse_int("COLLECT_INTERVAL_SECONDS", *v, 0, 86400));
  }
  if (auto v = getenv("MASTER_URL"); v && !v->empty()) {
    s.master_url = *v;
    require_scheme("MASTER_URL", s.master_url, {"https://", "http://"});
    while (s.master_url.back() == '/') s.master_url.pop_back();
  }
  if (auto v = getenv("MASTER_API_KEY"); v && !v->empty()) s.master_api_key = *v;
  s.incidents = incident_integrations(getenv);
  if (auto v = getenv("PUBLIC_URL"); v && !v->empty()) {
    s.public_url = *v;
    require_scheme("PUBLIC_URL", s.public_url, {"https://", "http://"});
    while (s.public_url.back() == '/') s.public_url.pop_back();
  }
  if (auto v = getenv("PING_INTERVAL_SECONDS"); v && !v->empty()) {
    s.ping_interval = std::chrono::seconds(parse_int("PING_INTERVAL_SECONDS", *v, 1, 86400));
  }
  if (s.mode == Mode::kSlave && (s.master_url.empty() || s.master_api_key.empty())) {
    throw ConfigError(
        "MODE=slave: set MASTER_URL and MASTER_API_KEY (the master that receives "
        "this instance's releases and pings)");
  }
  if (auto v = getenv("ENV"); v) s.production = (*v == "production");
  s.callback_allow_private = !s.production;
  if (auto v = getenv("CALLBACK_ALLOW_PRIVATE"); v && !v->empty()) {
    if (*v != "true" && *v != "false") {
      throw ConfigError(fmt::format(
          "environment variable CALLBACK_ALLOW_PRIVATE={:?}: expected true or false", *v));
    }
    s.callback_allow_private = (*v == "true");
  }
  if (auto v = getenv("CALLBACK_GIVE_UP_SECONDS"); v && !v->empty()) {
    s.callback_give_up = std::chrono::seconds(parse_int("CALLBACK_GIVE_UP_SECONDS", *v, 1, 604800));
  }
  s.plugins_exec = !s.production;
  if (auto v = getenv("PLUGINS_EXEC"); v && !v->empty()) {
    if (*v != "true" && *v != "false") {
      throw ConfigError(
          fmt::format("environment variable PLUGINS_EXEC={:?}: expected true or false", *v));
    }
    s.plugins_exec = (*v == "true");
  }

  static constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                                 "error", "critical", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), s.log_level) == std::end(kLevels)) {
    throw ConfigError(fmt::format(
        "environment variable LOG_LEVEL={:?}: expected trace, debug, info, warn, error, "
        "critical or off",
        s.log_level));
  }
  if (auto v = getenv("LOG_FORMAT"); v && !v->empty()) {
    const auto format = logging::parse_log_format(*v);
    if (!format) {
      throw ConfigError(
          fmt::format("environment variable LOG_FORMAT={:?}: expected text or json", *v));
    }
    s.log_format = *format;
  }
  require_scheme("DATABASE_URL", s.database_url, {"postgresql://", "postgres://"});
  amqp::BrokerAddresses broker_nodes;
  try {
    broker_nodes = amqp::BrokerAddresses::parse(s.broker_url);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(fmt::format("environment variable {}", e.what()));
  }
  if (s.production && s.database_url.find(":postgres@") != std::string::npos) {
    throw ConfigError("ENV=production: DATABASE_URL uses the default password; set a real one");
  }
  const auto guest_node = [](const amqp::BrokerAddress& node) {
    return uses_guest_account(node.url);
  };
  if (s.production && std::ranges::any_of(broker_nodes.nodes(), guest_node)) {
    throw ConfigError(
        "ENV=production: BROKER_URL logs in as guest (given or by default); set a real account");
  }
  if (s.production && s.jwt_secret == kDevelopmentJwtSecret) {
    throw ConfigError("ENV=production: JWT_SECRET is the development default; set a real one");
  }
  // Slack is optional, so a production deployment without its secret is not an
  // error as JWT_SECRET's is: the development default is dropped instead, and the
  // Slack routes refuse every request until SLACK_SIGNING_SECRET is set.
  if (s.production &&
      s.incidents.slack_signing_secret == IncidentIntegrations::kDevelopmentSlackSigningSecret) {
    s.incidents.slack_signing_secret.clear();
  }
  if (s.production) refuse_open_settings(s);
  return s;
}

Settings Settings::from_environment() {
  return from_environment([](const char* name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name)) return std::string(v);
    return std::nullopt;
  });
}

std::string_view to_string(Mode mode) {
  switch (mode) {
    case Mode::kMaster:
      return "master";
    case Mode::kMasterOnly:
      return "master-only";
    case Mode::kSlave:
      return "slave";
  }
  return "master";
}

}  // namespace switchyard::config
