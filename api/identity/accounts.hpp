#pragma once
// xcore accounts: POST /auth/register, POST /auth/login (JSON or form-encoded),
// GET /auth/me, POST /auth/refresh, POST /auth/change-password (access tokens
// issued before the change are refused). Passwords are hashed (Argon2id) and verified
// on BlockingWork threads, never on a reactor thread; registration is an identity
// task; login reads the account, issues an HS256 access token and records the
// login time as a task nobody waits for.
//
// Registration can be turned off (403). Wrong passwords are counted per account
// (LoginThrottle). A refreshed token keeps its sign-in's time, and refreshing
// stops `refresh_max_age` after that sign-in (401: sign in again).
#include <chrono>

#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "http/blocking_work.hpp"
#include "identity/identity_cache.hpp"
#include "middleware/login_throttle.hpp"
#include "request_context.hpp"
#include "security/jwt_codec.hpp"
#include "storage/identity/accounts_repository.hpp"

namespace switchyard::api {

struct AccountOptions {
  bool registration_enabled = true;                 // REGISTRATION_ENABLED
  std::chrono::seconds refresh_max_age{7 * 86400};  // JWT_REFRESH_MAX_AGE_SECONDS
};

class Accounts {
 public:
  Accounts(AwaitedWriter& writer, IdentityCache& cache, BlockingWork& blocking,
           db::ConnectionPool& pool, const security::JwtCodec& jwt, LoginThrottle& throttle,
           AccountOptions options)
      : writer_(writer),
        cache_(cache),
        blocking_(blocking),
        pool_(pool),
        jwt_(jwt),
        throttle_(throttle),
        options_(options) {}

  void register_user(RequestContext& context);
  void login(RequestContext& context);
  void me(RequestContext& context);
  void refresh(RequestContext& context);
  void change_password(RequestContext& context);

 private:
  // A fresh access token; `signed_in_at` carries a refreshed token's sign-in time.
  std::string token_body(std::int64_t user_id,
                         std::optional<std::int64_t> signed_in_at = std::nullopt) const;

  AwaitedWriter& writer_;
  IdentityCache& cache_;
  BlockingWork& blocking_;
  db::ConnectionPool& pool_;
  const security::JwtCodec& jwt_;
  LoginThrottle& throttle_;
  AccountOptions options_;
};

// Verifies a login (an email, or a username) and password against the stored
// account, spending the same time when there is no such account, and counts a
// wrong password against the account (`throttle`). Blocking (Argon2id). Throws
// AppError: 401 for bad credentials or an inactive account, 429 when the account
// has no guess left, 503 without a database.
storage::identity::Credentials verify_login(db::ConnectionPool& pool, LoginThrottle& throttle,
                                            const std::string& login, const std::string& password);

}  // namespace switchyard::api
