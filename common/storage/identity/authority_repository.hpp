#pragma once
// SQL of who holds what, for the identity writes that check it in the worker
// (domain/grant_rules.hpp): a caller's standing, a role's permissions, the
// administrators left. Read inside the write's transaction, after lock_admins,
// so two writes cannot both see the last admin as "another one".
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>

namespace switchyard::storage::identity {

// Serializes the writes that grant or take admin rights until the transaction
// ends. It locks the identity_version row, which every identity write updates
// anyway (the triggers of migrations/0004), so it adds no new lock order.
void lock_admins(pqxx::transaction_base& tx);

struct UserStanding {
  bool active = false;
  bool admin = false;  // holds role admin
  std::set<std::string> permissions;
};
std::optional<UserStanding> user_standing(pqxx::transaction_base& tx, std::int64_t user_id);

// Permission names of the role; empty for an unknown role.
std::set<std::string> role_permission_names(pqxx::transaction_base& tx, std::int64_t role_id);

// Active users with role admin, plus unrevoked admin API keys of the database
// (clients.yaml keys are not counted: the file can lose them without the
// database knowing).
std::int64_t count_admins(pqxx::transaction_base& tx);

struct StoredKeyRole {
  std::string role;
  bool revoked = false;
};
std::optional<StoredKeyRole> api_key_role(pqxx::transaction_base& tx, std::int64_t key_id);

}  // namespace switchyard::storage::identity
