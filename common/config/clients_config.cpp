#include "config/clients_config.hpp"

#include <fmt/format.h>

#include "config/yaml_document.hpp"
#include "security/key_digest.hpp"

namespace switchyard::config {
namespace {

constexpr std::string_view kDevelopmentKey = "dev-admin-key";

bool is_hex_digest(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void read_rate_limits(const YamlDocument& doc, RateLimits& limits) {
  const YAML::Node node = doc.root()["rate_limits"];
  if (!node) return;
  doc.expect_map(node, "\"rate_limits\"");
  doc.reject_unknown_keys(node, {"auth", "webhooks", "standard", "admin", "unauthenticated",
                                 "failed_logins", "anonymous_writes"});
  auto read = [&](const char* name, RateLimitSetting& setting) {
    const YAML::Node entry = node[name];
    if (!entry) return;
    doc.expect_map(entry, fmt::format("rate_limits.{}", name));
    doc.reject_unknown_keys(entry, {"requests", "period_seconds"});
    int requests = static_cast<int>(setting.requests);
    int period = static_cast<int>(setting.period.count());
    doc.read(entry, "requests", requests, 0, 100'000'000);
    doc.read(entry, "period_seconds", period, 1, 86400 * 31);
    setting = {static_cast<std::uint32_t>(requests), std::chrono::seconds(period)};
  };
  read("auth", limits.auth);
  read("webhooks", limits.webhooks);
  read("standard", limits.standard);
  read("admin", limits.admin);
  read("unauthenticated", limits.unauthenticated);
  read("failed_logins", limits.failed_logins);
  read("anonymous_writes", limits.anonymous_writes);
}

void read_callbacks(const YamlDocument& doc, CallbackSettings& callbacks, bool production) {
  const YAML::Node node = doc.root()["callbacks"];
  if (node) {
    doc.expect_map(node, "\"callbacks\"");
    doc.reject_unknown_keys(node, {"secret", "clients"});
    if (doc.read(node, "secret", callbacks.secret) && callbacks.secret.size() < 16) {
      doc.fail(node["secret"], "callbacks.secret must be at least 16 characters");
    }
    if (const YAML::Node clients = node["clients"]; clients) {
      doc.expect_map(clients, "callbacks.clients");
      doc.reject_duplicate_keys(clients);
      for (const auto& entry : clients) {
        const std::string name = doc.key_text(entry.first);
        doc.expect_map(entry.second, fmt::format("callbacks.clients.{}", name));
        doc.reject_unknown_keys(entry.second, {"callback_url", "callback_secret"});
        ClientCallbacks client;
        doc.read(entry.second, "callback_url", client.url);
        if (!client.url.empty() && client.url.rfind("https://", 0) != 0 &&
            client.url.rfind("http://", 0) != 0) {
          doc.fail(entry.second["callback_url"], "callback_url must be an http(s) URL");
        }
        if (doc.read(entry.second, "callback_secret", client.secret) && client.secret.size() < 16) {
          doc.fail(entry.second["callback_secret"],
                   "callback_secret must be at least 16 characters");
        }
        callbacks.clients.emplace(name, std::move(client));
      }
    }
  }
  if (production && callbacks.secret == CallbackSettings::kDevelopmentSecret) {
    // Never signs in production: set there, it is refused; left out, tasks asking
    // for a callback are refused at submission (nothing could sign it).
    if (node && node["secret"]) {
      doc.fail(node["secret"], "ENV=production refuses the development callback secret");
    }
    callbacks.secret.clear();
  }
}

}  // namespace

std::string ClientsConfig::client_of_key(std::string_view key_name) const {
  for (const auto& key : api_keys) {
    if (key.name == key_name) return key.client;
  }
  return {};
}

const std::string& ClientsConfig::callback_secret(std::string_view submitted_by) const {
  const auto client = callbacks.clients.find(client_of_key(submitted_by));
  if (client != callbacks.clients.end() && !client->second.secret.empty()) {
    return client->second.secret;
  }
  return callbacks.secret;
}

std::optional<KeyRole> parse_key_role(std::string_view name) {
  if (name == "admin") return KeyRole::kAdmin;
  if (name == "client") return KeyRole::kClient;
  if (name == "reader") return KeyRole::kReader;
  return std::nullopt;
}

std::string_view to_string(KeyRole role) {
  switch (role) {
    case KeyRole::kAdmin:
      return "admin";
    case KeyRole::kClient:
      return "client";
    case KeyRole::kReader:
      return "reader";
  }
  return "client";
}

const ApiKey* ClientsConfig::authenticate(std::string_view presented_key) const {
  const std::string digest = security::sha256_hex(presented_key);
  const ApiKey* match = nullptr;
  for (const auto& key : api_keys) {  // no early exit: the time does not depend on the match
    if (security::digests_equal(digest, key.sha256)) match = &key;
  }
  return match;
}

ClientsConfig ClientsConfig::load_file(const std::string& path, bool production) {
  return parse(YamlDocument::load_file(path), production);
}

ClientsConfig ClientsConfig::parse(const YamlDocument& doc, bool production) {
  doc.reject_unknown_keys(doc.root(), {"api_keys", "rate_limits", "callbacks"});
  ClientsConfig config;
  read_rate_limits(doc, config.rate_limits);
  read_callbacks(doc, config.callbacks, production);
  const YAML::Node keys = doc.root()["api_keys"];
  if (!keys) return config;
  if (!keys.IsSequence()) doc.fail(keys, "\"api_keys\" must be a list");
  const std::string dev_digest = security::sha256_hex(kDevelopmentKey);
  for (const auto& node : keys) {
    doc.expect_map(node, "an api_keys entry");
    doc.reject_unknown_keys(node, {"name", "sha256", "role", "client", "rate_limit"});
    ApiKey key;
    if (!doc.read(node, "name", key.name) || key.name.empty()) {
      doc.fail(node, "an api_keys entry needs a \"name\"");
    }
    if (!doc.read(node, "sha256", key.sha256) || !is_hex_digest(key.sha256)) {
      doc.fail(node["sha256"] ? node["sha256"] : node,
               "\"sha256\" must be the 64-character lowercase hex SHA-256 of the key");
    }
    std::string role = "client";
    doc.read(node, "role", role);
    const std::optional<KeyRole> parsed = parse_key_role(role);
    if (!parsed) doc.fail(node["role"], "\"role\" must be admin, client or reader");
    key.role = *parsed;
    // An admin key sees every client; a reader key without one reads every client.
    if (key.role != KeyRole::kAdmin) doc.read(node, "client", key.client);
    if (key.role == KeyRole::kClient && key.client.empty()) {
      doc.fail(node, "a client key needs \"client\": the client it is limited to");
    }
    std::string rate_limit = "default";
    if (doc.read(node, "rate_limit", rate_limit) && rate_limit != "default" &&
        rate_limit != "unlimited") {
      doc.fail(node["rate_limit"], "\"rate_limit\" must be default or unlimited");
    }
    key.unlimited = rate_limit == "unlimited";
    if (production && key.sha256 == dev_digest) {
      doc.fail(node, "ENV=production refuses the development key dev-admin-key");
    }
    for (const auto& other : config.api_keys) {
      if (other.name == key.name)
        doc.fail(node, fmt::format("duplicate key name \"{}\"", key.name));
    }
    config.api_keys.push_back(std::move(key));
  }
  return config;
}

}  // namespace switchyard::config
