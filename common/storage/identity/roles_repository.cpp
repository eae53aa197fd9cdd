#include "storage/identity/roles_repository.hpp"

namespace switchyard::storage::identity {
namespace {

// The paginated list of one table through its JSON function, by id.
std::string page_of(pqxx::transaction_base& tx, const std::string& table,
                    const std::string& json_function, int skip, int limit) {
  return tx
      .exec_params1("SELECT jsonb_build_object('total', (SELECT count(*) FROM " + table +
                        "), 'skip', $1::int, 'limit', $2::int, 'has_more', "
                        "(SELECT count(*) FROM " +
                        table +
                        ") > $1::int + $2::int, 'items', "
                        "coalesce((SELECT jsonb_agg(" +
                        json_function +
                        "(t) ORDER BY t.id) FROM "
                        "(SELECT * FROM " +
                        table +
                        " ORDER BY id OFFSET $1 LIMIT $2) s "
                        "JOIN " +
                        table + " t ON t.id = s.id), '[]'))::text",
                    skip, limit)[0]
      .as<std::string>();
}

std::optional<std::string> first_text(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

}  // namespace

std::string list_roles(pqxx::transaction_base& tx, int skip, int limit) {
  return page_of(tx, "roles", "role_json", skip, limit);
}

std::optional<std::string> find_role(pqxx::transaction_base& tx, std::int64_t role_id) {
  return first_text(tx.exec_params(
      "SELECT (role_json(r) || jsonb_build_object("
      "  'permissions', coalesce((SELECT jsonb_agg(permission_json(p) ORDER BY p.id)"
      "                             FROM role_permissions rp JOIN permissions p"
      "                               ON p.id = rp.permission_id WHERE rp.role_id = r.id), '[]'),"
      "  'users_count', (SELECT count(*) FROM user_roles ur WHERE ur.role_id = r.id)))::text"
      "  FROM roles r WHERE r.id = $1",
      role_id));
}

bool role_exists(pqxx::transaction_base& tx, std::int64_t role_id) {
  return !tx.exec_params("SELECT 1 FROM roles WHERE id = $1", role_id).empty();
}

std::optional<std::string> role_name(pqxx::transaction_base& tx, std::int64_t role_id) {
  return first_text(tx.exec_params("SELECT name FROM roles WHERE id = $1", role_id));
}

std::string create_role(pqxx::transaction_base& tx, const std::string& name,
                        const std::string& description) {
  return tx
      .exec_params1(
          "INSERT INTO roles (name, description) VALUES ($1, $2) "
          "RETURNING role_json(roles)::text",
          name, description)[0]
      .as<std::string>();
}

std::optional<std::string> update_role(pqxx::transaction_base& tx, std::int64_t role_id,
                                       const std::optional<std::string>& name,
                                       const std::optional<std::string>& description) {
  return first_text(tx.exec_params(
      "UPDATE roles SET name = coalesce($2, name), description = coalesce($3, description) "
      " WHERE id = $1 RETURNING role_json(roles)::text",
      role_id, name, description));
}

bool delete_role(pqxx::transaction_base& tx, std::int64_t role_id) {
  return tx.exec_params("DELETE FROM roles WHERE id = $1", role_id).affected_rows() == 1;
}

std::vector<std::string> set_role_permissions(pqxx::transaction_base& tx, std::int64_t role_id,
                                              const std::vector<std::string>& names) {
  std::vector<std::string> unknown;
  for (const auto& name : names) {
    if (tx.exec_params("SELECT 1 FROM permissions WHERE name = $1", name).empty()) {
      unknown.push_back(name);
    }
  }
  if (!unknown.empty()) return unknown;
  tx.exec_params0("DELETE FROM role_permissions WHERE role_id = $1", role_id);
  for (const auto& name : names) {
    tx.exec_params0(
        "INSERT INTO role_permissions (role_id, permission_id) "
        "SELECT $1, id FROM permissions WHERE name = $2 ON CONFLICT DO NOTHING",
        role_id, name);
  }
  return unknown;
}

std::string list_permissions(pqxx::transaction_base& tx, int skip, int limit) {
  return page_of(tx, "permissions", "permission_json", skip, limit);
}

std::string create_permission(pqxx::transaction_base& tx, const std::string& resource,
                              const std::string& action, const std::string& description) {
  return tx
      .exec_params1(
          "INSERT INTO permissions (name, resource, action, description) "
          "VALUES ($1 || ':' || $2, $1, $2, $3) RETURNING permission_json(permissions)::text",
          resource, action, description)[0]
      .as<std::string>();
}

bool assign_role(pqxx::transaction_base& tx, std::int64_t user_id, std::int64_t role_id) {
  return tx.exec_params(
               "INSERT INTO user_roles (user_id, role_id) "
               "SELECT u.id, r.id FROM users u, roles r WHERE u.id = $1 AND r.id = $2 "
               "ON CONFLICT DO NOTHING RETURNING 1",
               user_id, role_id)
                 .size() == 1 ||
         !tx.exec_params("SELECT 1 FROM user_roles WHERE user_id = $1 AND role_id = $2", user_id,
                         role_id)
              .empty();
}

bool remove_role(pqxx::transaction_base& tx, std::int64_t user_id, std::int64_t role_id) {
  return tx.exec_params("DELETE FROM user_roles WHERE user_id = $1 AND role_id = $2", user_id,
                        role_id)
             .affected_rows() == 1;
}

}  // namespace switchyard::storage::identity
