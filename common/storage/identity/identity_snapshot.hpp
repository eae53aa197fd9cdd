#pragma once
// What the API needs in memory to authenticate and authorize without a database
// round trip (and while the database is down): every user's state and roles, the
// permissions of each role, live tokens and API keys. Loaded whole when
// identity_version moves (identity changes are rare next to requests).
#include <cstdint>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/clients_config.hpp"

namespace switchyard::storage::identity {

struct UserState {
  std::string username;
  bool is_active = false;
  std::vector<std::string> roles;
  // Access tokens issued before this second (the last password change, epoch
  // seconds) are refused; 0 when the password never changed.
  std::int64_t tokens_valid_from = 0;
};

struct StoredApiKey {
  std::int64_t id = 0;
  std::string name;
  config::KeyRole role = config::KeyRole::kClient;
  std::string client;
};

struct IdentitySnapshot {
  std::int64_t version = 0;
  std::unordered_map<std::int64_t, UserState> users;
  std::unordered_map<std::string, std::set<std::string>> role_permissions;  // by role name
  std::unordered_map<std::int64_t, std::string> role_names;                 // by role id
  std::unordered_map<std::string, std::int64_t> tokens;                     // digest → user id
  std::unordered_map<std::string, StoredApiKey> api_keys;                   // by digest
};

std::int64_t identity_version(pqxx::transaction_base& tx);

// Reads everything in one snapshot (call it in a repeatable-read transaction).
IdentitySnapshot load_identity(pqxx::transaction_base& tx);

}  // namespace switchyard::storage::identity
