#pragma once
// clients.yaml: who may call the API. Keys are stored as SHA-256 digests, never in
// clear; an admin key has full access, a client key is limited to its client.
#include <string>
#include <vector>

namespace switchyard::config {

class YamlDocument;

enum class KeyRole { kAdmin, kClient };

struct ApiKey {
  std::string name;
  std::string sha256;  // lowercase hex digest of the key
  KeyRole role = KeyRole::kClient;
  std::string client;  // the client a kClient key is limited to
};

struct ClientsConfig {
  std::vector<ApiKey> api_keys;

  // The key whose digest matches `presented_key`, compared in constant time.
  const ApiKey* authenticate(std::string_view presented_key) const;

  // Throws ConfigError with file:line:column. With `production`, the development
  // key (dev-admin-key) is refused.
  static ClientsConfig load_file(const std::string& path, bool production);
  static ClientsConfig parse(const YamlDocument& doc, bool production);
};

}  // namespace switchyard::config
