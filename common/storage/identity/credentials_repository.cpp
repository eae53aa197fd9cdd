#include "storage/identity/credentials_repository.hpp"

namespace switchyard::storage::identity {

void create_token(pqxx::transaction_base& tx, const std::string& digest, std::int64_t user_id) {
  tx.exec_params0("INSERT INTO auth_tokens (digest, user_id) VALUES ($1, $2)", digest, user_id);
}

bool revoke_token(pqxx::transaction_base& tx, const std::string& digest) {
  return tx.exec_params(
               "UPDATE auth_tokens SET revoked_at = now() WHERE digest = $1 AND revoked_at IS NULL",
               digest)
             .affected_rows() == 1;
}

std::string create_api_key(pqxx::transaction_base& tx, const std::string& name,
                           const std::string& digest, const std::string& role,
                           const std::string& client) {
  return tx
      .exec_params1(
          "INSERT INTO api_keys (name, digest, role, client) VALUES ($1, $2, $3, $4) "
          "RETURNING api_key_json(api_keys)::text",
          name, digest, role, client)[0]
      .as<std::string>();
}

std::optional<std::string> revoke_api_key(pqxx::transaction_base& tx, std::int64_t id) {
  const pqxx::result rows = tx.exec_params(
      "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 "
      "RETURNING api_key_json(api_keys)::text",
      id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::string list_api_keys(pqxx::transaction_base& tx, int skip, int limit) {
  return tx
      .exec_params1(
          "SELECT jsonb_build_object('total', (SELECT count(*) FROM api_keys), 'skip', $1::int, "
          "'limit', $2::int, 'has_more', (SELECT count(*) FROM api_keys) > $1::int + $2::int, "
          "'items', coalesce((SELECT jsonb_agg(api_key_json(k) ORDER BY k.id DESC) FROM "
          "(SELECT id FROM api_keys ORDER BY id DESC OFFSET $1 LIMIT $2) s "
          "JOIN api_keys k ON k.id = s.id), '[]'))::text",
          skip, limit)[0]
      .as<std::string>();
}

}  // namespace switchyard::storage::identity
