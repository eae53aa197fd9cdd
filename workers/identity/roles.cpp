// identity.create_role, update_role, delete_role, create_permission, assign_role,
// remove_role: the role-based access model of xcore-api.md. Granting checks the
// escalation rules against the caller's rights of this moment (caller_authority.hpp);
// taking role admin away also keeps at least one administrator.
#include <fmt/format.h>

#include "database_handler.hpp"
#include "identity/caller_authority.hpp"
#include "identity/identity_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/identity/accounts_repository.hpp"
#include "storage/identity/authority_repository.hpp"
#include "storage/identity/roles_repository.hpp"

namespace switchyard::workers::identity {
namespace {

namespace repo = storage::identity;

// Built-in roles the platform relies on: `admin` (every permission) and `user`
// (what registration grants) can be edited but not renamed or deleted.
bool is_builtin(const std::string& name) { return name == "admin" || name == "user"; }

void apply_permissions(pqxx::transaction_base& tx, std::int64_t role_id,
                       const std::optional<std::vector<std::string>>& names) {
  if (!names) return;
  const auto unknown = repo::set_role_permissions(tx, role_id, *names);
  if (!unknown.empty()) {
    throw caller_error(FailureKind::kValidation,
                       fmt::format("Unknown permissions: {}", fmt::join(unknown, ", ")));
  }
}

std::string role_with_details(pqxx::transaction_base& tx, std::int64_t role_id) {
  return repo::find_role(tx, role_id).value_or("{}");
}

// The permissions `names` would add to role `role_id` (all of them for a new role).
std::set<std::string> added_permissions(pqxx::transaction_base& tx,
                                        std::optional<std::int64_t> role_id,
                                        const std::vector<std::string>& names) {
  std::set<std::string> added(names.begin(), names.end());
  if (role_id) {
    for (const auto& held : repo::role_permission_names(tx, *role_id)) added.erase(held);
  }
  return added;
}

}  // namespace

void register_role_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::identity::kCreateRole,
      caller_handler(
          "A role with this name already exists",
          [](const std::string& caller, const rapidjson::Value& p, pqxx::transaction_base& tx) {
            if (const auto permissions = optional_strings(p, "permissions")) {
              require_allowed(domain::refuse_permission_grant(
                  grantor_of(caller, p, tx), added_permissions(tx, std::nullopt, *permissions)));
            }
            std::string role = repo::create_role(tx, required_string(p, "name"),
                                                 optional_string(p, "description").value_or(""));
            const auto permissions = optional_strings(p, "permissions");
            if (!permissions) return role;
            const auto id = tx.exec_params1("SELECT id FROM roles WHERE name = $1",
                                            required_string(p, "name"))[0]
                                .as<std::int64_t>();
            apply_permissions(tx, id, permissions);
            return role_with_details(tx, id);
          }));
  dispatcher.add(
      kinds::identity::kUpdateRole,
      caller_handler(
          "A role with this name already exists",
          [](const std::string& caller, const rapidjson::Value& p, pqxx::transaction_base& tx) {
            const std::int64_t id = required_int64(p, "role_id");
            const auto current = repo::role_name(tx, id);
            if (!current) throw caller_error(FailureKind::kNotFound, "No such role");
            if (const auto permissions = optional_strings(p, "permissions")) {
              require_allowed(domain::refuse_permission_grant(
                  grantor_of(caller, p, tx), added_permissions(tx, id, *permissions)));
            }
            const auto name = optional_string(p, "name");
            if (name && *name != *current && is_builtin(*current)) {
              throw caller_error(FailureKind::kConflict,
                                 "The built-in role " + *current + " cannot be renamed");
            }
            repo::update_role(tx, id, name, optional_string(p, "description"));
            apply_permissions(tx, id, optional_strings(p, "permissions"));
            return role_with_details(tx, id);
          }));
  dispatcher.add(kinds::identity::kDeleteRole,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const std::int64_t id = required_int64(p, "role_id");
                   const auto name = repo::role_name(tx, id);
                   if (!name) throw caller_error(FailureKind::kNotFound, "No such role");
                   if (is_builtin(*name)) {
                     throw caller_error(FailureKind::kConflict,
                                        "The built-in role " + *name + " cannot be deleted");
                   }
                   repo::delete_role(tx, id);
                   return std::string("{}");
                 }));
  dispatcher.add(kinds::identity::kCreatePermission,
                 handler("A permission with this name already exists",
                         [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                           return repo::create_permission(
                               tx, required_string(p, "resource"), required_string(p, "action"),
                               optional_string(p, "description").value_or(""));
                         }));
  dispatcher.add(kinds::identity::kAssignRole,
                 caller_handler("", [](const std::string& caller, const rapidjson::Value& p,
                                       pqxx::transaction_base& tx) {
                   const std::int64_t role_id = required_int64(p, "role_id");
                   const auto name = repo::role_name(tx, role_id);
                   if (!name) throw caller_error(FailureKind::kNotFound, "No such user or role");
                   require_allowed(domain::refuse_role_grant(
                       grantor_of(caller, p, tx), *name, repo::role_permission_names(tx, role_id)));
                   if (!repo::assign_role(tx, required_int64(p, "user_id"), role_id)) {
                     throw caller_error(FailureKind::kNotFound, "No such user or role");
                   }
                   return std::string(R"({"message":"Rôle assigné avec succès"})");
                 }));
  dispatcher.add(
      kinds::identity::kRemoveRole,
      caller_handler(
          "", [](const std::string& caller, const rapidjson::Value& p, pqxx::transaction_base& tx) {
            const std::int64_t user_id = required_int64(p, "user_id");
            const std::int64_t role_id = required_int64(p, "role_id");
            if (repo::role_name(tx, role_id) == "admin") {
              // Under the lock, so two demotions cannot both count the other as left.
              repo::lock_admins(tx);
              const auto target = repo::user_standing(tx, user_id);
              if (target && target->admin) {
                require_allowed(domain::refuse_admin_change(grantor_of(caller, p, tx),
                                                            "remove the role admin"));
                if (target->active && repo::count_admins(tx) <= 1) {
                  throw caller_error(
                      FailureKind::kConflict,
                      fmt::format("User {} is the last active admin: it cannot lose the role admin "
                                  "(give it to another user, or create an admin API key, first)",
                                  user_id));
                }
              }
            }
            if (!repo::remove_role(tx, user_id, role_id)) {
              throw caller_error(FailureKind::kNotFound, "The user does not have this role");
            }
            return std::string("{}");
          }));
}

}  // namespace switchyard::workers::identity
