#include "storage/identity/authority_repository.hpp"

namespace switchyard::storage::identity {

void lock_admins(pqxx::transaction_base& tx) {
  tx.exec("SELECT 1 FROM identity_version FOR UPDATE");
}

std::optional<UserStanding> user_standing(pqxx::transaction_base& tx, std::int64_t user_id) {
  const pqxx::result rows = tx.exec_params(
      "SELECT u.is_active, EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
      "                             WHERE ur.user_id = u.id AND r.name = 'admin')"
      "  FROM users u WHERE u.id = $1",
      user_id);
  if (rows.empty()) return std::nullopt;
  UserStanding standing;
  standing.active = rows[0][0].as<bool>();
  standing.admin = rows[0][1].as<bool>();
  for (const auto& row :
       tx.exec_params("SELECT DISTINCT p.name FROM user_roles ur"
                      "  JOIN role_permissions rp ON rp.role_id = ur.role_id"
                      "  JOIN permissions p ON p.id = rp.permission_id WHERE ur.user_id = $1",
                      user_id)) {
    standing.permissions.insert(row[0].as<std::string>());
  }
  return standing;
}

std::set<std::string> role_permission_names(pqxx::transaction_base& tx, std::int64_t role_id) {
  std::set<std::string> names;
  for (const auto& row : tx.exec_params(
           "SELECT p.name FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id "
           "WHERE rp.role_id = $1",
           role_id)) {
    names.insert(row[0].as<std::string>());
  }
  return names;
}

std::int64_t count_admins(pqxx::transaction_base& tx) {
  return tx
      .exec1(
          "SELECT (SELECT count(*) FROM users u WHERE u.is_active AND EXISTS ("
          "          SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
          "           WHERE ur.user_id = u.id AND r.name = 'admin'))"
          "     + (SELECT count(*) FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL)")[0]
      .as<std::int64_t>();
}

std::optional<StoredKeyRole> api_key_role(pqxx::transaction_base& tx, std::int64_t key_id) {
  const pqxx::result rows =
      tx.exec_params("SELECT role, revoked_at IS NOT NULL FROM api_keys WHERE id = $1", key_id);
  if (rows.empty()) return std::nullopt;
  return StoredKeyRole{rows[0][0].as<std::string>(), rows[0][1].as<bool>()};
}

}  // namespace switchyard::storage::identity
