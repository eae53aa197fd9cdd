#pragma once
// IMAS personal tokens: POST /api/auth/token/ (username and password → a new
// 40-hex token, shown once; only its SHA-256 is stored), POST
// /api/auth/token/revoke/ and GET /api/auth/token/verify/ with
// `Authorization: Token <token>`. Answers in the IMAS error format.
#include "db/connection_pool.hpp"
#include "http/blocking_work.hpp"
#include "identity/identity_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class AuthTokens {
 public:
  AuthTokens(IdentityWriter& writer, BlockingWork& blocking, db::ConnectionPool& pool)
      : writer_(writer), blocking_(blocking), pool_(pool) {}

  void create(RequestContext& context);
  void revoke(RequestContext& context);
  void verify(RequestContext& context);

 private:
  IdentityWriter& writer_;
  BlockingWork& blocking_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api
