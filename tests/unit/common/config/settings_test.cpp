// Settings::from_environment (common/config/settings.hpp) with an injected
// environment: the documented defaults, and bad values refused by variable name.
#include "config/settings.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "config/config_error.hpp"

namespace switchyard::config {
namespace {

using Environment = std::map<std::string, std::string>;

Settings settings_from(const Environment& env) {
  return Settings::from_environment([&env](const char* name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

std::string error_of(const Environment& env) {
  try {
    settings_from(env);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ConfigError";
  return "";
}

TEST(Settings, DefaultsToTheDocumentedDevelopmentValues) {
  const Settings s = settings_from({});
  EXPECT_EQ(s.database_url, "postgresql://postgres:postgres@localhost:5432/tasks");
  EXPECT_EQ(s.broker_url, "amqp://guest:guest@localhost:5672/");
  EXPECT_EQ(s.api_host, "0.0.0.0");
  EXPECT_EQ(s.api_port, 8000);
  EXPECT_EQ(s.workers, 1);
  EXPECT_EQ(s.log_level, "info");
  EXPECT_EQ(s.services_config_file, "./config/services.yaml");
  EXPECT_EQ(s.clients_config_file, "./config/clients.yaml");
  EXPECT_EQ(s.migrations_dir, "./migrations");
  EXPECT_EQ(s.mode, Mode::kMaster);
  EXPECT_FALSE(s.production);
}

TEST(Settings, ReadsEveryVariableItKnows) {
  const Settings s = settings_from({{"DATABASE_URL", "postgres://u:p@db:6543/ledger"},
                                    {"BROKER_URL", "amqps://u:p@mq:5671/prod"},
                                    {"API_HOST", "127.0.0.1"},
                                    {"API_PORT", "9100"},
                                    {"WORKERS", "4"},
                                    {"LOG_LEVEL", "debug"},
                                    {"SERVICES_CONFIG_FILE", "/etc/sy/services.yaml"},
                                    {"CLIENTS_CONFIG_FILE", "/etc/sy/clients.yaml"},
                                    {"MIGRATIONS_DIR", "/opt/sy/migrations"},
                                    {"MODE", "master-only"},
                                    {"API_THREADS", "8"},
                                    {"DB_POOL_SIZE", "16"},
                                    {"DB_STATEMENT_TIMEOUT_MS", "750"},
                                    {"MAX_WAIT_SECONDS", "60"}});
  EXPECT_EQ(s.database_url, "postgres://u:p@db:6543/ledger");
  EXPECT_EQ(s.broker_url, "amqps://u:p@mq:5671/prod");
  EXPECT_EQ(s.api_host, "127.0.0.1");
  EXPECT_EQ(s.api_port, 9100);
  EXPECT_EQ(s.workers, 4);
  EXPECT_EQ(s.log_level, "debug");
  EXPECT_EQ(s.services_config_file, "/etc/sy/services.yaml");
  EXPECT_EQ(s.clients_config_file, "/etc/sy/clients.yaml");
  EXPECT_EQ(s.migrations_dir, "/opt/sy/migrations");
  EXPECT_EQ(s.mode, Mode::kMasterOnly);
  EXPECT_EQ(s.api_threads, 8);
  EXPECT_EQ(s.db_pool_size, 16);
  EXPECT_EQ(s.db_statement_timeout, std::chrono::milliseconds(750));
  EXPECT_EQ(s.max_wait, std::chrono::seconds(60));
}

TEST(Settings, MetricsPortIsUnsetUnlessGivenAndZeroMeansOff) {
  EXPECT_FALSE(settings_from({}).metrics_port);
  EXPECT_EQ(settings_from({{"METRICS_PORT", "9200"}}).metrics_port, 9200);
  EXPECT_EQ(settings_from({{"METRICS_PORT", "0"}}).metrics_port, 0);
  EXPECT_NE(error_of({{"METRICS_PORT", "70000"}}).find("METRICS_PORT"), std::string::npos);
}

TEST(Settings, TreatsAnEmptyVariableAsUnset) {
  const Settings s = settings_from({{"API_PORT", ""}, {"DATABASE_URL", ""}, {"MODE", ""}});
  EXPECT_EQ(s.api_port, 8000);
  EXPECT_EQ(s.database_url, "postgresql://postgres:postgres@localhost:5432/tasks");
  EXPECT_EQ(s.mode, Mode::kMaster);
}

TEST(Settings, ParsesEveryMode) {
  EXPECT_EQ(settings_from({{"MODE", "master"}}).mode, Mode::kMaster);
  EXPECT_EQ(settings_from({{"MODE", "master-only"}}).mode, Mode::kMasterOnly);
  EXPECT_EQ(settings_from({{"MODE", "slave"},
                           {"MASTER_URL", "https://tracker.example.com/"},
                           {"MASTER_API_KEY", "cluster-b-key"}})
                .mode,
            Mode::kSlave);
  EXPECT_EQ(to_string(Mode::kMasterOnly), "master-only");
}

TEST(Settings, ASlaveNeedsItsMaster) {
  for (const Environment& env :
       {Environment{{"MODE", "slave"}}, Environment{{"MODE", "slave"}, {"MASTER_URL", "http://m"}},
        Environment{{"MODE", "slave"}, {"MASTER_API_KEY", "k"}}}) {
    const std::string message = error_of(env);
    EXPECT_NE(message.find("MASTER_URL"), std::string::npos) << message;
  }
  const Settings s = settings_from({{"MODE", "slave"},
                                    {"MASTER_URL", "https://tracker.example.com//"},
                                    {"MASTER_API_KEY", "cluster-b-key"},
                                    {"PING_INTERVAL_SECONDS", "15"}});
  EXPECT_EQ(s.master_url, "https://tracker.example.com");
  EXPECT_EQ(s.master_api_key, "cluster-b-key");
  EXPECT_EQ(s.ping_interval, std::chrono::seconds(15));
  EXPECT_NE(error_of({{"MASTER_URL", "ftp://m"}}).find("MASTER_URL"), std::string::npos);
}

TEST(Settings, KeepsFinishedTasksAWeekUnlessToldOtherwise) {
  EXPECT_EQ(settings_from({}).task_retention, std::chrono::hours(168));
  EXPECT_EQ(settings_from({{"TASK_RETENTION_HOURS", "0"}}).task_retention, std::chrono::hours(0));
  EXPECT_NE(error_of({{"TASK_RETENTION_HOURS", "-1"}}).find("TASK_RETENTION_HOURS"),
            std::string::npos);
}

TEST(Settings, ReachesNoClusterUnlessOneIsConfigured) {
  const Settings s = settings_from({});
  EXPECT_FALSE(s.kubernetes.configured());
  EXPECT_EQ(s.collect_interval, std::chrono::seconds(300));
}

TEST(Settings, UsesTheInClusterServiceAccountInsideAPod) {
  const Settings s =
      settings_from({{"KUBERNETES_SERVICE_HOST", "10.96.0.1"}, {"KUBERNETES_SERVICE_PORT", "443"}});
  EXPECT_EQ(s.kubernetes.api_url, "https://10.96.0.1:443");
  EXPECT_EQ(s.kubernetes.token_file, "/var/run/secrets/kubernetes.io/serviceaccount/token");
  EXPECT_EQ(s.kubernetes.ca_file, "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
  EXPECT_EQ(settings_from({{"KUBERNETES_SERVICE_HOST", "fd00::1"}}).kubernetes.api_url,
            "https://[fd00::1]:443");
}

TEST(Settings, AnExplicitClusterWinsOverTheServiceAccount) {
  const Settings s = settings_from({{"KUBERNETES_SERVICE_HOST", "10.96.0.1"},
                                    {"KUBE_API_URL", "https://k8s.example.com:6443/"},
                                    {"KUBE_TOKEN", "t0ken"},
                                    {"KUBE_CA_FILE", "/etc/sy/ca.crt"},
                                    {"KUBE_NAMESPACES", " production, staging ,,"},
                                    {"KUBE_TIMEOUT_SECONDS", "3"},
                                    {"COLLECT_INTERVAL_SECONDS", "0"}});
  EXPECT_EQ(s.kubernetes.api_url, "https://k8s.example.com:6443");
  EXPECT_EQ(s.kubernetes.token, "t0ken");
  EXPECT_EQ(s.kubernetes.ca_file, "/etc/sy/ca.crt");
  EXPECT_EQ(s.kubernetes.namespaces, (std::vector<std::string>{"production", "staging"}));
  EXPECT_EQ(s.kubernetes.request_timeout, std::chrono::seconds(3));
  EXPECT_EQ(s.collect_interval, std::chrono::seconds(0));
  EXPECT_NE(error_of({{"KUBE_API_URL", "k8s.example.com"}}).find("KUBE_API_URL"),
            std::string::npos);
  EXPECT_NE(error_of({{"COLLECT_INTERVAL_SECONDS", "-5"}}).find("COLLECT_INTERVAL_SECONDS"),
            std::string::npos);
}

TEST(Settings, IncidentIntegrationsAreOffUntilConfiguredAndTheirUrlsChecked) {
  const Settings plain = settings_from({});
  EXPECT_EQ(plain.incidents.slack_api_url, "https://slack.com/api");
  EXPECT_TRUE(plain.incidents.slack_bot_token.empty());
  EXPECT_TRUE(plain.incidents.docs_url.empty());
  EXPECT_TRUE(plain.incidents.notify_url.empty());
  EXPECT_TRUE(plain.public_url.empty());
  const Settings set = settings_from({{"SLACK_API_URL", "http://127.0.0.1:9/api/"},
                                      {"SLACK_BOT_TOKEN", "xoxb-1"},
                                      {"INCIDENT_DOCS_URL", "https://docs.example.com/new"},
                                      {"ONCALL_NOTIFY_URL", "https://pager.example.com/hook"},
                                      {"INCIDENT_HTTP_TIMEOUT_MS", "2500"},
                                      {"PUBLIC_URL", "https://imas.example.com/"}});
  EXPECT_EQ(set.incidents.slack_api_url, "http://127.0.0.1:9/api");
  EXPECT_EQ(set.incidents.slack_bot_token, "xoxb-1");
  EXPECT_EQ(set.incidents.docs_url, "https://docs.example.com/new");
  EXPECT_EQ(set.incidents.notify_url, "https://pager.example.com/hook");
  EXPECT_EQ(set.incidents.request_timeout.count(), 2500);
  EXPECT_EQ(set.public_url, "https://imas.example.com");
  for (const char* name :
       {"SLACK_API_URL", "INCIDENT_DOCS_URL", "ONCALL_NOTIFY_URL", "PUBLIC_URL"}) {
    EXPECT_NE(error_of({{name, "ftp://x"}}).find(name), std::string::npos) << name;
  }
  EXPECT_NE(error_of({{"INCIDENT_HTTP_TIMEOUT_MS", "5"}}).find("INCIDENT_HTTP_TIMEOUT_MS"),
            std::string::npos);
}

TEST(Settings, RefusesABadApiPortNamingTheVariable) {
  for (const char* bad : {"eighty", "80x", "-1", "65536", "8000 ", "1e3"}) {
    const std::string message = error_of({{"API_PORT", bad}});
    EXPECT_NE(message.find("API_PORT"), std::string::npos) << bad << ": " << message;
  }
}

TEST(Settings, RefusesABadWorkerCount) {
  const std::string message = error_of({{"WORKERS", "0"}});
  EXPECT_NE(message.find("WORKERS"), std::string::npos) << message;
}

TEST(Settings, ReadsTheServicesAWorkerConsumesAsAList) {
  EXPECT_TRUE(settings_from({}).worker_services.empty());
  EXPECT_EQ(
      settings_from({{"WORKER_SERVICES", " incidents, incident_orchestration ,"}}).worker_services,
      (std::vector<std::string>{"incidents", "incident_orchestration"}));
}

TEST(Settings, RefusesAnUnknownMode) {
  const std::string message = error_of({{"MODE", "leader"}});
  EXPECT_NE(message.find("MODE"), std::string::npos) << message;
  EXPECT_NE(message.find("leader"), std::string::npos) << message;
}

TEST(Settings, RefusesAnUnknownLogLevel) {
  const std::string message = error_of({{"LOG_LEVEL", "verbose"}});
  EXPECT_NE(message.find("LOG_LEVEL"), std::string::npos) << message;
  EXPECT_NE(message.find("verbose"), std::string::npos) << message;
}

TEST(Settings, LogFormatIsTextUnlessJsonIsAsked) {
  EXPECT_EQ(settings_from({}).log_format, logging::LogFormat::kText);
  EXPECT_EQ(settings_from({{"LOG_FORMAT", "text"}}).log_format, logging::LogFormat::kText);
  EXPECT_EQ(settings_from({{"LOG_FORMAT", "json"}}).log_format, logging::LogFormat::kJson);
  const std::string message = error_of({{"LOG_FORMAT", "JSON"}});
  EXPECT_NE(message.find("LOG_FORMAT"), std::string::npos) << message;
  EXPECT_NE(message.find("JSON"), std::string::npos) << message;
}

TEST(Settings, RefusesADatabaseUrlThatIsNotPostgres) {
  for (const char* bad : {"mysql://root@localhost/tasks", "localhost:5432/tasks",
                          "http://postgres@localhost/tasks"}) {
    const std::string message = error_of({{"DATABASE_URL", bad}});
    EXPECT_NE(message.find("DATABASE_URL"), std::string::npos) << bad << ": " << message;
  }
}

TEST(Settings, RefusesABrokerUrlThatIsNotAmqp) {
  const std::string message = error_of({{"BROKER_URL", "redis://localhost:6379"}});
  EXPECT_NE(message.find("BROKER_URL"), std::string::npos) << message;
}

TEST(Settings, RefusesTheDefaultDatabasePasswordInProduction) {
  const std::string message =
      error_of({{"ENV", "production"}, {"BROKER_URL", "amqp://svc:s3cret@mq:5672/"}});
  EXPECT_NE(message.find("DATABASE_URL"), std::string::npos) << message;
}

TEST(Settings, RefusesTheGuestBrokerAccountInProduction) {
  const std::string message =
      error_of({{"ENV", "production"}, {"DATABASE_URL", "postgresql://svc:s3cret@db:5432/tasks"}});
  EXPECT_NE(message.find("BROKER_URL"), std::string::npos) << message;
}

// rabbitmq-c fills a user or password the URL leaves out with guest, so these URLs
// log in with the default account too.
TEST(Settings, RefusesABrokerUrlThatFallsBackToTheGuestAccountInProduction) {
  for (const char* implicit_guest : {"amqp://mq.internal:5672/", "amqp://guest@mq.internal/"}) {
    const std::string message = error_of({{"ENV", "production"},
                                          {"DATABASE_URL", "postgresql://svc:s3cret@db:5432/tasks"},
                                          {"BROKER_URL", implicit_guest}});
    EXPECT_NE(message.find("BROKER_URL"), std::string::npos) << implicit_guest << ": " << message;
  }
}

TEST(Settings, AcceptsACommaSeparatedListOfBrokerNodesAndRefusesABadItemByName) {
  const std::string nodes = "amqp://u:p@mq-0:5672/,amqp://u:p@mq-1:5672/";
  EXPECT_EQ(settings_from({{"BROKER_URL", nodes}}).broker_url, nodes);
  const std::string message = error_of({{"BROKER_URL", nodes + ",mq-2:5672"}});
  EXPECT_NE(message.find("BROKER_URL"), std::string::npos) << message;
  EXPECT_NE(message.find("item 3"), std::string::npos) << message;
}

TEST(Settings, RefusesAGuestAccountOnAnyBrokerNodeInProduction) {
  const std::string message =
      error_of({{"ENV", "production"},
                {"DATABASE_URL", "postgresql://svc:s3cret@db:5432/tasks"},
                {"BROKER_URL", "amqp://svc:s3cret@mq-0:5672/,amqp://guest:guest@mq-1:5672/"}});
  EXPECT_NE(message.find("BROKER_URL"), std::string::npos) << message;
  EXPECT_NE(message.find("guest"), std::string::npos) << message;
}

TEST(Settings, RefusesTheDevelopmentJwtSecretInProduction) {
  const std::string message = error_of({{"ENV", "production"},
                                        {"DATABASE_URL", "postgresql://svc:s3cret@db:5432/tasks"},
                                        {"BROKER_URL", "amqp://svc:s3cret@mq:5672/"}});
  EXPECT_NE(message.find("JWT_SECRET"), std::string::npos) << message;
}

TEST(Settings, RefusesAShortJwtSecret) {
  EXPECT_NE(error_of({{"JWT_SECRET", "too-short"}}).find("JWT_SECRET"), std::string::npos);
}

TEST(Settings, ReadsTheIdentitySettings) {
  const Settings s = settings_from({{"JWT_SECRET", std::string(40, 'k')},
                                    {"JWT_EXPIRES_SECONDS", "900"},
                                    {"METRICS_PUBLIC", "false"},
                                    {"CORS_ALLOWED_ORIGINS", "https://app.example.com"}});
  EXPECT_EQ(s.jwt_secret, std::string(40, 'k'));
  EXPECT_EQ(s.jwt_lifetime, std::chrono::seconds(900));
  EXPECT_FALSE(s.metrics_public);
  EXPECT_EQ(s.cors_allowed_origins, "https://app.example.com");
  EXPECT_NE(error_of({{"METRICS_PUBLIC", "maybe"}}).find("METRICS_PUBLIC"), std::string::npos);
}

TEST(Settings, AcceptsRealSecretsInProduction) {
  const Settings s = settings_from({{"ENV", "production"},
                                    {"DATABASE_URL", "postgresql://svc:s3cret@db:5432/tasks"},
                                    {"BROKER_URL", "amqp://svc:s3cret@mq:5672/"},
                                    {"JWT_SECRET", "a-real-production-secret-of-enough-length"}});
  EXPECT_TRUE(s.production);
}

TEST(Settings, AllowsTheDefaultsOutsideProduction) {
  EXPECT_FALSE(settings_from({{"ENV", "development"}}).production);
}

// A production environment with real secrets, plus `extra`.
Environment production_with(const Environment& extra) {
  Environment env{{"ENV", "production"},
                  {"DATABASE_URL", "postgresql://svc:s3cret@db:5432/tasks"},
                  {"BROKER_URL", "amqp://svc:s3cret@mq:5672/"},
                  {"JWT_SECRET", "a-real-production-secret-of-enough-length"}};
  for (const auto& [name, value] : extra) env[name] = value;
  return env;
}

TEST(Settings, TheExecPluginRuntimeIsOffInProductionUntilTurnedOn) {
  EXPECT_TRUE(settings_from({}).plugins_exec);
  EXPECT_EQ(settings_from({}).plugins_dir, "var/plugins");
  EXPECT_EQ(settings_from({{"PLUGINS_DIR", "/srv/plugins"}}).plugins_dir, "/srv/plugins");
  EXPECT_FALSE(settings_from(production_with({})).plugins_exec);
  EXPECT_TRUE(settings_from(production_with({{"PLUGINS_EXEC", "true"}})).plugins_exec);
  EXPECT_FALSE(settings_from({{"PLUGINS_EXEC", "false"}}).plugins_exec);
  EXPECT_NE(error_of({{"PLUGINS_EXEC", "yes"}}).find("PLUGINS_EXEC"), std::string::npos);
}

TEST(Settings, CallbacksAreGivenUpAfterAnHourUnlessConfigured) {
  EXPECT_EQ(settings_from({}).callback_give_up, std::chrono::seconds(3600));
  EXPECT_EQ(settings_from({{"CALLBACK_GIVE_UP_SECONDS", "5"}}).callback_give_up,
            std::chrono::seconds(5));
  EXPECT_NE(error_of({{"CALLBACK_GIVE_UP_SECONDS", "0"}}).find("CALLBACK_GIVE_UP_SECONDS"),
            std::string::npos);
  EXPECT_NE(error_of({{"CALLBACK_GIVE_UP_SECONDS", "604801"}}).find("CALLBACK_GIVE_UP_SECONDS"),
            std::string::npos);
}

TEST(Settings, ReadsTheAccessSettings) {
  const Settings defaults = settings_from({});
  EXPECT_TRUE(defaults.registration_enabled);
  EXPECT_TRUE(defaults.trusted_proxies.empty());
  EXPECT_TRUE(defaults.tracker_anonymous_from.empty());
  EXPECT_EQ(defaults.jwt_refresh_max_age, std::chrono::seconds(7 * 86400));

  const Settings s = settings_from({{"REGISTRATION_ENABLED", "false"},
                                    {"TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8"},
                                    {"TRACKER_ANONYMOUS_FROM", "192.0.2.0/24"},
                                    {"JWT_REFRESH_MAX_AGE_SECONDS", "3600"}});
  EXPECT_FALSE(s.registration_enabled);
  EXPECT_TRUE(s.trusted_proxies.contains(*net::IpAddress::parse("10.1.2.3")));
  EXPECT_TRUE(s.trusted_proxies.contains(*net::IpAddress::parse("fd00::1")));
  EXPECT_FALSE(s.trusted_proxies.contains(*net::IpAddress::parse("192.0.2.1")));
  EXPECT_TRUE(s.tracker_anonymous_from.contains(*net::IpAddress::parse("192.0.2.9")));
  EXPECT_EQ(s.jwt_refresh_max_age, std::chrono::seconds(3600));
}

TEST(Settings, RefusesBadAccessSettingsNamingTheVariable) {
  EXPECT_NE(error_of({{"REGISTRATION_ENABLED", "no"}}).find("REGISTRATION_ENABLED"),
            std::string::npos);
  const std::string proxies = error_of({{"TRUSTED_PROXIES", "10.0.0.0/8,lb.internal"}});
  EXPECT_NE(proxies.find("TRUSTED_PROXIES"), std::string::npos) << proxies;
  EXPECT_NE(proxies.find("lb.internal"), std::string::npos) << proxies;
  EXPECT_NE(error_of({{"TRACKER_ANONYMOUS_FROM", "10.0.0.0/40"}}).find("TRACKER_ANONYMOUS_FROM"),
            std::string::npos);
  EXPECT_NE(error_of({{"JWT_REFRESH_MAX_AGE_SECONDS", "5"}}).find("JWT_REFRESH_MAX_AGE_SECONDS"),
            std::string::npos);
}

TEST(Settings, RefusesAWildcardCorsOriginInProduction) {
  EXPECT_NE(error_of(production_with({{"CORS_ALLOWED_ORIGINS", "https://a.example.com, *"}}))
                .find("CORS_ALLOWED_ORIGINS"),
            std::string::npos);
  EXPECT_EQ(settings_from({{"CORS_ALLOWED_ORIGINS", "*"}}).cors_allowed_origins, "*");
  EXPECT_TRUE(settings_from(production_with({{"CORS_ALLOWED_ORIGINS", "https://a.example.com"}}))
                  .production);
}

TEST(Settings, RefusesPlainHttpToTheMasterAndTheClusterInProduction) {
  EXPECT_NE(error_of(production_with({{"MODE", "slave"},
                                      {"MASTER_URL", "http://master:8000"},
                                      {"MASTER_API_KEY", "k"}}))
                .find("MASTER_URL"),
            std::string::npos);
  EXPECT_NE(error_of(production_with({{"KUBE_API_URL", "http://k8s:6443"}})).find("KUBE_API_URL"),
            std::string::npos);
  EXPECT_TRUE(settings_from(production_with({{"MODE", "slave"},
                                             {"MASTER_URL", "https://master"},
                                             {"MASTER_API_KEY", "k"},
                                             {"KUBE_API_URL", "https://k8s:6443"}}))
                  .production);
  // Outside production plain HTTP stays possible (a local slave, a fake cluster).
  EXPECT_EQ(settings_from({{"KUBE_API_URL", "http://127.0.0.1:1"}}).kubernetes.api_url,
            "http://127.0.0.1:1");
}

TEST(Settings, RefusesAnonymousTrackerWritesFromAnywhereInProduction) {
  const std::string message = error_of(production_with({{"TRACKER_ANONYMOUS", "read-write"}}));
  EXPECT_NE(message.find("TRACKER_ANONYMOUS_FROM"), std::string::npos) << message;
  const Settings s = settings_from(production_with(
      {{"TRACKER_ANONYMOUS", "read-write"}, {"TRACKER_ANONYMOUS_FROM", "10.20.0.0/16"}}));
  EXPECT_EQ(s.tracker_anonymous, Settings::Anonymous::kReadWrite);
  EXPECT_TRUE(settings_from(production_with({{"TRACKER_ANONYMOUS", "read"}})).production);
}

TEST(Settings, SlackKeepsItsDevelopmentSigningSecretOnlyOutsideProduction) {
  EXPECT_EQ(settings_from({}).incidents.slack_signing_secret,
            IncidentIntegrations::kDevelopmentSlackSigningSecret);
  EXPECT_EQ(settings_from(production_with({})).incidents.slack_signing_secret, "");
  const Settings set = settings_from(
      production_with({{"SLACK_SIGNING_SECRET", "8f742231b10e8888abcd99yyyzzz85a5"},
                       {"SLACK_RESPONSE_URL_HOSTS", "hooks.slack.com, hooks.example.test"}}));
  EXPECT_EQ(set.incidents.slack_signing_secret, "8f742231b10e8888abcd99yyyzzz85a5");
  EXPECT_EQ(set.incidents.slack_response_hosts,
            (std::vector<std::string>{"hooks.slack.com", "hooks.example.test"}));
}

}  // namespace
}  // namespace switchyard::config
