#pragma once
// Who is calling: an API key (clients.yaml or the admin API), or a user signed in
// with a JWT or an IMAS token. Authorization asks has(permission); a client key
// also carries the one client whose data it may see.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "config/clients_config.hpp"

namespace switchyard::api {

struct Principal {
  enum class Kind { kApiKey, kUser };

  Kind kind = Kind::kApiKey;
  // Recorded as a task's submitted_by: the key's name, or "user:<id>".
  std::string name;
  std::int64_t user_id = 0;                             // kUser
  std::string username;                                 // kUser
  config::KeyRole key_role = config::KeyRole::kClient;  // kApiKey
  std::string client;  // a client or reader key's client; empty: every client (admin keys, users)
  bool admin = false;  // admin key, or role admin: every permission
  std::set<std::string> permissions;
  bool unlimited = false;                   // no rate limit (clients.yaml rate_limit)
  std::optional<std::string> token_digest;  // the IMAS token this request came with
  // A JWT's sign-in time (epoch seconds), where its refresh chain started; empty for
  // other credentials.
  std::optional<std::int64_t> signed_in_at;

  bool has(const std::string& permission) const {
    return admin || permissions.count(permission) > 0;
  }
};

}  // namespace switchyard::api
