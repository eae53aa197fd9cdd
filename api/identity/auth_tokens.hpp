#pragma once
// IMAS personal tokens: POST /api/auth/token/ (username and password → a new
// 40-hex token, shown once; only its SHA-256 is stored), POST
// /api/auth/token/revoke/ and GET /api/auth/token/verify/ with
// `Authorization: Token <token>`. Answers in the IMAS error format.
// Wrong passwords count per account like a login's (LoginThrottle); a new
// password revokes every token of the user (migrations/0012).
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "http/blocking_work.hpp"
#include "middleware/login_throttle.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class AuthTokens {
 public:
  AuthTokens(AwaitedWriter& writer, BlockingWork& blocking, db::ConnectionPool& pool,
             LoginThrottle& throttle)
      : writer_(writer), blocking_(blocking), pool_(pool), throttle_(throttle) {}

  void create(RequestContext& context);
  void revoke(RequestContext& context);
  void verify(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  BlockingWork& blocking_;
  db::ConnectionPool& pool_;
  LoginThrottle& throttle_;
};

}  // namespace switchyard::api
