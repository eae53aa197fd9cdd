#include "storage/identity/identity_snapshot.hpp"

namespace switchyard::storage::identity {

std::int64_t identity_version(pqxx::transaction_base& tx) {
  return tx.exec1("SELECT version FROM identity_version")[0].as<std::int64_t>();
}

IdentitySnapshot load_identity(pqxx::transaction_base& tx) {
  IdentitySnapshot snapshot;
  snapshot.version = identity_version(tx);
  for (const auto& row :
       tx.exec("SELECT id, username, is_active, "
               "coalesce(floor(extract(epoch FROM password_changed_at))::bigint, 0) FROM users")) {
    snapshot.users[row[0].as<std::int64_t>()] = {
        row[1].as<std::string>(), row[2].as<bool>(), {}, row[3].as<std::int64_t>()};
  }
  for (const auto& row : tx.exec("SELECT ur.user_id, r.name FROM user_roles ur "
                                 "JOIN roles r ON r.id = ur.role_id")) {
    auto user = snapshot.users.find(row[0].as<std::int64_t>());
    if (user != snapshot.users.end()) user->second.roles.push_back(row[1].as<std::string>());
  }
  for (const auto& row : tx.exec("SELECT id, name FROM roles")) {
    snapshot.role_names[row[0].as<std::int64_t>()] = row[1].as<std::string>();
    snapshot.role_permissions[row[1].as<std::string>()];
  }
  for (const auto& row : tx.exec("SELECT r.name, p.name FROM role_permissions rp "
                                 "JOIN roles r ON r.id = rp.role_id "
                                 "JOIN permissions p ON p.id = rp.permission_id")) {
    snapshot.role_permissions[row[0].as<std::string>()].insert(row[1].as<std::string>());
  }
  for (const auto& row :
       tx.exec("SELECT digest, user_id FROM auth_tokens WHERE revoked_at IS NULL")) {
    snapshot.tokens[row[0].as<std::string>()] = row[1].as<std::int64_t>();
  }
  for (const auto& row :
       tx.exec("SELECT digest, name, role, client, id FROM api_keys WHERE revoked_at IS NULL")) {
    // The table's CHECK admits only the known roles; anything else would get the
    // least privilege.
    snapshot.api_keys[row[0].as<std::string>()] = {
        row[4].as<std::int64_t>(), row[1].as<std::string>(),
        config::parse_key_role(row[2].as<std::string>()).value_or(config::KeyRole::kReader),
        row[3].as<std::string>()};
  }
  return snapshot;
}

}  // namespace switchyard::storage::identity
