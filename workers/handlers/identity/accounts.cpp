// identity.register, identity.record_login, identity.set_active,
// identity.set_password: user accounts. register and set_password receive the
// Argon2id hash, never the password (the API hashes it), and their task payloads
// are stored redacted.
#include "handlers/database_handler.hpp"
#include "handlers/identity/identity_handlers.hpp"
#include "handlers/payload_fields.hpp"
#include "storage/identity/accounts_repository.hpp"

namespace switchyard::workers::identity {

namespace repo = storage::identity;

void register_account_handlers(Dispatcher& dispatcher) {
  dispatcher.add("identity", "register",
                 handler("A user with this email or username already exists",
                         [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                           return repo::create_user(tx, required_string(p, "email"),
                                                    required_string(p, "username"),
                                                    optional_string(p, "full_name").value_or(""),
                                                    required_string(p, "password_hash"));
                         }));
  dispatcher.add("identity", "record_login",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   repo::record_login(tx, required_int64(p, "user_id"));
                   return std::string("{}");
                 }));
  dispatcher.add("identity", "set_password",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   if (!repo::set_password(tx, required_int64(p, "user_id"),
                                           required_string(p, "password_hash"),
                                           required_int64(p, "changed_at"))) {
                     throw caller_error("not_found", "No such user");
                   }
                   return std::string("{}");
                 }));
  dispatcher.add("identity", "set_active",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   auto user = repo::set_active(tx, required_int64(p, "user_id"),
                                                required_bool(p, "active"));
                   if (!user) throw caller_error("not_found", "No such user");
                   return *user;
                 }));
}

}  // namespace switchyard::workers::identity
