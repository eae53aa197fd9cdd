#pragma once
// SQL of user accounts (migrations/0004): registration, login, the admin user
// list. Answers are JSON text built by the database (user_json), so every surface
// shows one shape. Writers are identity.* task handlers; the API only reads.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage::identity {

struct Credentials {
  std::int64_t user_id = 0;
  std::string username;
  std::string password_hash;
  bool is_active = false;
};

// By email (a login with '@') or username (one without), case-insensitive.
std::optional<Credentials> find_credentials(pqxx::transaction_base& tx, const std::string& login);
std::optional<Credentials> find_credentials(pqxx::transaction_base& tx, std::int64_t user_id);

// {"id","email","full_name","is_active","created_at"}; throws pqxx::unique_violation
// when the email or username is taken. The new user gets role `user` (tracker
// read-only since migrations/0012).
std::string create_user(pqxx::transaction_base& tx, const std::string& email,
                        const std::string& username, const std::string& full_name,
                        const std::string& password_hash);

void record_login(pqxx::transaction_base& tx, std::int64_t user_id);

// Replaces the hash and sets password_changed_at to `changed_at` (epoch seconds,
// the API's clock, the clock that stamps access tokens); false for an unknown user.
bool set_password(pqxx::transaction_base& tx, std::int64_t user_id,
                  const std::string& password_hash, std::int64_t changed_at);

// GET /auth/me: {"id","email","full_name","roles","permissions", ...}.
std::optional<std::string> find_me(pqxx::transaction_base& tx, std::int64_t user_id);

// {"id","is_active"}, or nothing for an unknown user.
std::optional<std::string> set_active(pqxx::transaction_base& tx, std::int64_t user_id,
                                      bool active);

struct UserQuery {
  std::optional<std::string> search;  // in email, username, full name
  std::optional<bool> is_active;
  std::string sort_by = "created_at";  // a column name checked by the caller
  bool descending = false;
  int skip = 0;
  int limit = 20;
};

// The paginated list: {"total","skip","limit","items","has_more"}.
std::string list_users(pqxx::transaction_base& tx, const UserQuery& query);

bool user_exists(pqxx::transaction_base& tx, std::int64_t user_id);

}  // namespace switchyard::storage::identity
