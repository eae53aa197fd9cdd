// identity.create_token, revoke_token, create_api_key, revoke_api_key. The API
// makes the secret and publishes only its SHA-256 digest; the secret itself is
// shown once, in the API's answer, and stored nowhere. A key holds no more than
// its maker (an admin key: admins only), and the last admin credential stays.
#include <fmt/format.h>

#include "database_handler.hpp"
#include "identity/caller_authority.hpp"
#include "identity/identity_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/identity/accounts_repository.hpp"
#include "storage/identity/authority_repository.hpp"
#include "storage/identity/credentials_repository.hpp"

namespace switchyard::workers::identity {

namespace repo = storage::identity;

void register_credential_handlers(Dispatcher& dispatcher) {
  dispatcher.add(kinds::identity::kCreateToken,
                 handler("This token exists already",
                         [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                           const std::int64_t user_id = required_int64(p, "user_id");
                           if (!repo::user_exists(tx, user_id)) {
                             throw caller_error(FailureKind::kNotFound, "No such user");
                           }
                           repo::create_token(tx, required_string(p, "digest"), user_id);
                           return std::string("{}");
                         }));
  dispatcher.add(kinds::identity::kRevokeToken,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   if (!repo::revoke_token(tx, required_string(p, "digest"))) {
                     throw caller_error(FailureKind::kNotFound, "Token expired");
                   }
                   return std::string("{}");
                 }));
  dispatcher.add(
      kinds::identity::kCreateApiKey,
      caller_handler("An API key with this name already exists", [](const std::string& caller,
                                                                    const rapidjson::Value& p,
                                                                    pqxx::transaction_base& tx) {
        const std::string role = required_string(p, "role");
        const auto key_role = config::parse_key_role(role);
        if (!key_role) throw caller_error(FailureKind::kValidation, "role: unknown role");
        require_allowed(domain::refuse_key_grant(grantor_of(caller, p, tx), *key_role));
        return repo::create_api_key(tx, required_string(p, "name"), required_string(p, "digest"),
                                    role, optional_string(p, "client").value_or(""));
      }));
  dispatcher.add(
      kinds::identity::kRevokeApiKey,
      caller_handler("", [](const std::string& caller, const rapidjson::Value& p,
                            pqxx::transaction_base& tx) {
        const std::int64_t id = required_int64(p, "id");
        // Under the lock, so two revocations cannot both count the other key as left.
        repo::lock_admins(tx);
        const auto stored = repo::api_key_role(tx, id);
        if (!stored) throw caller_error(FailureKind::kNotFound, "No such API key");
        if (stored->role == "admin" && !stored->revoked) {
          require_allowed(
              domain::refuse_admin_change(grantor_of(caller, p, tx), "revoke an admin API key"));
          if (repo::count_admins(tx) <= 1) {
            throw caller_error(FailureKind::kConflict,
                               fmt::format("API key {} is the last admin credential: it cannot be "
                                           "revoked (create another admin key, or give a user the "
                                           "role admin, first)",
                                           id));
          }
        }
        auto key = repo::revoke_api_key(tx, id);
        if (!key) throw caller_error(FailureKind::kNotFound, "No such API key");
        return *key;
      }));
}

}  // namespace switchyard::workers::identity
