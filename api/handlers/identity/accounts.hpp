#pragma once
// xcore accounts: POST /auth/register, POST /auth/login (JSON or form-encoded),
// GET /auth/me, POST /auth/refresh, POST /auth/change-password (access tokens
// issued before the change are refused). Passwords are hashed (Argon2id) and verified
// on BlockingWork threads, never on a reactor thread; registration is an identity
// task; login reads the account, issues an HS256 access token and records the
// login time as a task nobody waits for.
#include "db/connection_pool.hpp"
#include "http/blocking_work.hpp"
#include "identity/identity_cache.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"
#include "security/jwt_codec.hpp"
#include "storage/identity/accounts_repository.hpp"

namespace switchyard::api {

class Accounts {
 public:
  Accounts(AwaitedWriter& writer, IdentityCache& cache, BlockingWork& blocking,
           db::ConnectionPool& pool, const security::JwtCodec& jwt)
      : writer_(writer), cache_(cache), blocking_(blocking), pool_(pool), jwt_(jwt) {}

  void register_user(RequestContext& context);
  void login(RequestContext& context);
  void me(RequestContext& context);
  void refresh(RequestContext& context);
  void change_password(RequestContext& context);

 private:
  std::string token_body(std::int64_t user_id) const;

  AwaitedWriter& writer_;
  IdentityCache& cache_;
  BlockingWork& blocking_;
  db::ConnectionPool& pool_;
  const security::JwtCodec& jwt_;
};

// Verifies a login (email or username) and password against the stored account,
// spending the same time when there is no such account. Blocking (Argon2id).
// Throws AppError: 401 for bad credentials or an inactive account, 503 without a
// database.
storage::identity::Credentials verify_login(db::ConnectionPool& pool, const std::string& login,
                                            const std::string& password);

}  // namespace switchyard::api
