#pragma once
// SQL of roles and permissions (migrations/0004). Answers are JSON text in the
// shapes of xcore-api.md (role_json, permission_json). Unknown rows give nothing;
// a taken name throws pqxx::unique_violation.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::identity {

// Paginated {"total","skip","limit","items","has_more"}.
std::string list_roles(pqxx::transaction_base& tx, int skip, int limit);
// The role with "permissions" (objects) and "users_count".
std::optional<std::string> find_role(pqxx::transaction_base& tx, std::int64_t role_id);
bool role_exists(pqxx::transaction_base& tx, std::int64_t role_id);
std::optional<std::string> role_name(pqxx::transaction_base& tx, std::int64_t role_id);

std::string create_role(pqxx::transaction_base& tx, const std::string& name,
                        const std::string& description);
// Fields left empty keep their value.
std::optional<std::string> update_role(pqxx::transaction_base& tx, std::int64_t role_id,
                                       const std::optional<std::string>& name,
                                       const std::optional<std::string>& description);
bool delete_role(pqxx::transaction_base& tx, std::int64_t role_id);

// Replaces the role's permissions; returns the names that do not exist (and then
// changes nothing).
std::vector<std::string> set_role_permissions(pqxx::transaction_base& tx, std::int64_t role_id,
                                              const std::vector<std::string>& names);

std::string list_permissions(pqxx::transaction_base& tx, int skip, int limit);
std::string create_permission(pqxx::transaction_base& tx, const std::string& resource,
                              const std::string& action, const std::string& description);

// false when the user or the role does not exist.
bool assign_role(pqxx::transaction_base& tx, std::int64_t user_id, std::int64_t role_id);
// false when the user did not have the role.
bool remove_role(pqxx::transaction_base& tx, std::int64_t user_id, std::int64_t role_id);

}  // namespace switchyard::storage::identity
