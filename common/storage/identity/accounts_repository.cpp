#include "storage/identity/accounts_repository.hpp"

#include <fmt/format.h>

namespace switchyard::storage::identity {

std::optional<Credentials> find_credentials(pqxx::transaction_base& tx, const std::string& login) {
  // A login with '@' is an email and matches emails only: an account whose
  // username looks like someone else's email (possible before usernames refused
  // '@') cannot answer that person's sign-ins.
  const bool email = login.find('@') != std::string::npos;
  const pqxx::result rows =
      tx.exec_params(email ? "SELECT id, username, password_hash, is_active FROM users WHERE "
                             "lower(email) = lower($1)"
                           : "SELECT id, username, password_hash, is_active FROM users "
                             "WHERE lower(username) = lower($1)",
                     login);
  if (rows.empty()) return std::nullopt;
  return Credentials{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(),
                     rows[0][2].as<std::string>(), rows[0][3].as<bool>()};
}

std::optional<Credentials> find_credentials(pqxx::transaction_base& tx, std::int64_t user_id) {
  const pqxx::result rows = tx.exec_params(
      "SELECT id, username, password_hash, is_active FROM users WHERE id = $1", user_id);
  if (rows.empty()) return std::nullopt;
  return Credentials{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(),
                     rows[0][2].as<std::string>(), rows[0][3].as<bool>()};
}

bool set_password(pqxx::transaction_base& tx, std::int64_t user_id,
                  const std::string& password_hash, std::int64_t changed_at) {
  return !tx.exec_params(
                "UPDATE users SET password_hash = $2, password_changed_at = to_timestamp($3) "
                "WHERE id = $1 RETURNING id",
                user_id, password_hash, changed_at)
              .empty();
}

std::string create_user(pqxx::transaction_base& tx, const std::string& email,
                        const std::string& username, const std::string& full_name,
                        const std::string& password_hash) {
  const pqxx::row user = tx.exec_params1(
      "INSERT INTO users (email, username, full_name, password_hash) VALUES ($1, $2, $3, $4) "
      "RETURNING id, jsonb_build_object('id', id, 'email', email, 'username', username, "
      "'full_name', full_name, 'is_active', is_active, 'created_at', rfc3339(created_at))::text",
      email, username, full_name, password_hash);
  tx.exec_params0(
      "INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'user'",
      user[0].as<std::int64_t>());
  return user[1].as<std::string>();
}

void record_login(pqxx::transaction_base& tx, std::int64_t user_id) {
  tx.exec_params0("UPDATE users SET last_login = now() WHERE id = $1", user_id);
}

std::optional<std::string> find_me(pqxx::transaction_base& tx, std::int64_t user_id) {
  const pqxx::result rows = tx.exec_params(
      "SELECT (user_json(u) || jsonb_build_object('permissions', user_permission_names(u.id)))"
      "::text FROM users u WHERE id = $1",
      user_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<std::string> set_active(pqxx::transaction_base& tx, std::int64_t user_id,
                                      bool active) {
  const pqxx::result rows = tx.exec_params(
      "UPDATE users SET is_active = $2, updated_at = now() WHERE id = $1 "
      "RETURNING jsonb_build_object('id', id, 'is_active', is_active)::text",
      user_id, active);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::string list_users(pqxx::transaction_base& tx, const UserQuery& query) {
  // sort_by is one of a fixed set of columns (checked by the caller); everything
  // else is a parameter.
  const std::string sql = fmt::format(
      "WITH matching AS ("
      "  SELECT id, {0} AS sort_key FROM users"
      "   WHERE ($1::text IS NULL OR email ILIKE '%' || $1 || '%' OR username ILIKE '%' || $1"
      "          || '%' OR full_name ILIKE '%' || $1 || '%')"
      "     AND ($2::boolean IS NULL OR is_active = $2)),"
      " page AS ("
      "  SELECT id, row_number() OVER (ORDER BY sort_key {1}, id {1}) AS ord FROM matching"
      "   ORDER BY sort_key {1}, id {1} OFFSET $3 LIMIT $4),"
      " total AS (SELECT count(*) AS n FROM matching)"
      "SELECT jsonb_build_object('total', total.n, 'skip', $3::int, 'limit', $4::int,"
      "  'has_more', total.n > $3::int + $4::int,"
      "  'items', coalesce((SELECT jsonb_agg(user_json(u) ORDER BY p.ord)"
      "                       FROM page p JOIN users u ON u.id = p.id), '[]'))::text"
      "  FROM total",
      query.sort_by, query.descending ? "DESC" : "ASC");
  return tx.exec_params1(sql, query.search, query.is_active, query.skip, query.limit)[0]
      .as<std::string>();
}

bool user_exists(pqxx::transaction_base& tx, std::int64_t user_id) {
  return !tx.exec_params("SELECT 1 FROM users WHERE id = $1", user_id).empty();
}

}  // namespace switchyard::storage::identity
