// identity.create_token, revoke_token, create_api_key, revoke_api_key. The API
// makes the secret and publishes only its SHA-256 digest; the secret itself is
// shown once, in the API's answer, and stored nowhere.
#include "handlers/database_handler.hpp"
#include "handlers/identity/identity_handlers.hpp"
#include "handlers/payload_fields.hpp"
#include "storage/identity/accounts_repository.hpp"
#include "storage/identity/credentials_repository.hpp"

namespace switchyard::workers::identity {

namespace repo = storage::identity;

void register_credential_handlers(Dispatcher& dispatcher) {
  dispatcher.add("identity", "create_token",
                 handler("This token exists already",
                         [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                           const std::int64_t user_id = required_int64(p, "user_id");
                           if (!repo::user_exists(tx, user_id)) {
                             throw caller_error("not_found", "No such user");
                           }
                           repo::create_token(tx, required_string(p, "digest"), user_id);
                           return std::string("{}");
                         }));
  dispatcher.add("identity", "revoke_token",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   if (!repo::revoke_token(tx, required_string(p, "digest"))) {
                     throw caller_error("not_found", "Token expired");
                   }
                   return std::string("{}");
                 }));
  dispatcher.add("identity", "create_api_key",
                 handler("An API key with this name already exists",
                         [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                           return repo::create_api_key(tx, required_string(p, "name"),
                                                       required_string(p, "digest"),
                                                       required_string(p, "role"),
                                                       optional_string(p, "client").value_or(""));
                         }));
  dispatcher.add("identity", "revoke_api_key",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   auto key = repo::revoke_api_key(tx, required_int64(p, "id"));
                   if (!key) throw caller_error("not_found", "No such API key");
                   return *key;
                 }));
}

}  // namespace switchyard::workers::identity
