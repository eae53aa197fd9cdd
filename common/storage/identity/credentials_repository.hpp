#pragma once
// SQL of the stored credentials (migrations/0004): IMAS personal tokens and the API
// keys created through the admin API. Only SHA-256 digests are stored.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage::identity {

void create_token(pqxx::transaction_base& tx, const std::string& digest, std::int64_t user_id);
// false when the token is unknown or was revoked already.
bool revoke_token(pqxx::transaction_base& tx, const std::string& digest);

// api_key_json; throws pqxx::unique_violation for a taken name.
std::string create_api_key(pqxx::transaction_base& tx, const std::string& name,
                           const std::string& digest, const std::string& role,
                           const std::string& client);
std::optional<std::string> revoke_api_key(pqxx::transaction_base& tx, std::int64_t id);
// Paginated, newest first; revoked keys included (with revoked_at).
std::string list_api_keys(pqxx::transaction_base& tx, int skip, int limit);

}  // namespace switchyard::storage::identity
