// identity.register, identity.record_login, identity.set_active,
// identity.set_password: user accounts. register and set_password receive the
// Argon2id hash, never the password (the API hashes it), and their task payloads
// are stored redacted. A new password revokes the user's IMAS tokens (a trigger of
// migrations/0012). Deactivating or reactivating an admin is for admins, and the
// last active admin stays.
#include <fmt/format.h>

#include <cctype>

#include "database_handler.hpp"
#include "envelope/timestamp.hpp"
#include "identity/caller_authority.hpp"
#include "identity/identity_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/identity/accounts_repository.hpp"
#include "storage/identity/authority_repository.hpp"

namespace switchyard::workers::identity {
namespace {

namespace repo = storage::identity;

// An email-shaped username would answer sign-ins meant for the account with that
// email; only an account's own email may be its username (the default).
void require_username_for(const std::string& username, const std::string& email) {
  if (username.find('@') == std::string::npos) return;
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  if (lower(username) != lower(email)) {
    throw caller_error(FailureKind::kValidation, "username: must not contain '@'");
  }
}

std::string set_active(const std::string& caller, const rapidjson::Value& p,
                       pqxx::transaction_base& tx) {
  const std::int64_t user_id = required_int64(p, "user_id");
  const bool active = required_bool(p, "active");
  // Under the lock, so two deactivations cannot both count the other admin as left.
  repo::lock_admins(tx);
  const auto target = repo::user_standing(tx, user_id);
  if (!target) throw caller_error(FailureKind::kNotFound, "No such user");
  if (target->admin && target->active != active) {
    require_allowed(domain::refuse_admin_change(
        grantor_of(caller, p, tx), active ? "activate an admin" : "deactivate an admin"));
    if (!active && repo::count_admins(tx) <= 1) {
      throw caller_error(FailureKind::kConflict,
                         fmt::format("User {} is the last active admin: it cannot be deactivated "
                                     "(give another user the role admin, or create an admin API "
                                     "key, first)",
                                     user_id));
    }
  }
  auto user = repo::set_active(tx, user_id, active);
  if (!user) throw caller_error(FailureKind::kNotFound, "No such user");
  return *user;
}

}  // namespace

void register_account_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::identity::kRegister,
      handler("A user with this email or username already exists", [](const rapidjson::Value& p,
                                                                      pqxx::transaction_base& tx) {
        require_username_for(required_string(p, "username"), required_string(p, "email"));
        return repo::create_user(tx, required_string(p, "email"), required_string(p, "username"),
                                 optional_string(p, "full_name").value_or(""),
                                 required_string(p, "password_hash"));
      }));
  // A sign-in is also the live stream's user.login (docs/console.md "Live
  // events"), announced once the login is recorded.
  dispatcher.add(kinds::identity::kRecordLogin, context_handler("", [](TaskContext& context) {
                   const std::int64_t user_id = required_int64(context.payload, "user_id");
                   repo::record_login(*context.transaction, user_id);
                   context.events.emplace_back(
                       "user.login",
                       fmt::format(R"({{"event":"user.login","user_id":{},"at":"{}"}})", user_id,
                                   envelope::now_timestamp()));
                   return std::string("{}");
                 }));
  dispatcher.add(kinds::identity::kSetPassword,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   if (!repo::set_password(tx, required_int64(p, "user_id"),
                                           required_string(p, "password_hash"),
                                           required_int64(p, "changed_at"))) {
                     throw caller_error(FailureKind::kNotFound, "No such user");
                   }
                   return std::string("{}");
                 }));
  dispatcher.add(kinds::identity::kSetActive, caller_handler("", set_active));
}

}  // namespace switchyard::workers::identity
