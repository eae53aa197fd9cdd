#pragma once
// clients.yaml: who may call the API. Keys are stored as SHA-256 digests, never in
// clear; an admin key has full access, a client key is limited to its client, a
// reader key only reads releases (badges, dashboards), of its client if it has one.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::config {

class YamlDocument;

enum class KeyRole { kAdmin, kClient, kReader };

// "admin", "client", "reader": the names in clients.yaml, the admin API and the
// api_keys table.
std::optional<KeyRole> parse_key_role(std::string_view name);
std::string_view to_string(KeyRole role);

struct ApiKey {
  std::string name;
  std::string sha256;  // lowercase hex digest of the key
  KeyRole role = KeyRole::kClient;
  std::string client;      // the client a kClient (or kReader) key is limited to
  bool unlimited = false;  // `rate_limit: unlimited`: no rate limit (benchmarks, internal jobs)
};

// Requests per period; 0 requests means unlimited.
struct RateLimitSetting {
  std::uint32_t requests = 0;
  std::chrono::seconds period{3600};
};

// The documented limits (xcore-api.md, imas-incidents-api.md), per token and per IP,
// for the whole deployment (docs/security.md says how).
struct RateLimits {
  RateLimitSetting auth{5, std::chrono::seconds(60)};        // login, register, tokens: per IP
  RateLimitSetting webhooks{100, std::chrono::seconds(60)};  // per webhook source (docs/alerts.md)
  RateLimitSetting standard{1000, std::chrono::seconds(3600)};
  RateLimitSetting admin{10000, std::chrono::seconds(3600)};
  RateLimitSetting unauthenticated{100, std::chrono::seconds(3600)};  // failed credentials, per IP
  // Wrong passwords per account, whatever the IPs they come from: past it the
  // account's sign-ins answer 429 until the window ends.
  RateLimitSetting failed_logins{10, std::chrono::seconds(900)};
  // Tracker writes without credentials (TRACKER_ANONYMOUS=read-write), per IP.
  RateLimitSetting anonymous_writes{60, std::chrono::seconds(60)};
};

// Completion callbacks (docs/callbacks.md): the secret that signs them, and per
// client a default callback_url and a secret of its own.
struct ClientCallbacks {
  std::string url;     // empty: the client's tasks have none unless they ask
  std::string secret;  // empty: the deployment's secret signs
};

struct CallbackSettings {
  static constexpr std::string_view kDevelopmentSecret = "switchyard-development-callback-secret";
  // Empty in ENV=production without callbacks.secret: no callbacks then.
  std::string secret{kDevelopmentSecret};
  std::map<std::string, ClientCallbacks> clients;  // by client name
};

struct ClientsConfig {
  std::vector<ApiKey> api_keys;
  RateLimits rate_limits;
  CallbackSettings callbacks;

  // The client a task's submitted_by (an API key's name) belongs to; empty when
  // none of this file's keys has that name.
  std::string client_of_key(std::string_view key_name) const;
  // The secret that signs the callbacks of tasks `submitted_by` submitted.
  const std::string& callback_secret(std::string_view submitted_by) const;

  // The key whose digest matches `presented_key`, compared in constant time.
  const ApiKey* authenticate(std::string_view presented_key) const;

  // Throws ConfigError with file:line:column. With `production`, the development
  // key (dev-admin-key) is refused.
  static ClientsConfig load_file(const std::string& path, bool production);
  static ClientsConfig parse(const YamlDocument& doc, bool production);
};

}  // namespace switchyard::config
