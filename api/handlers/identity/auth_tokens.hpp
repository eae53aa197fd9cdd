#pragma once
// IMAS personal tokens: POST /api/auth/token/ (username and password → a new
// 40-hex token, shown once; only its SHA-256 is stored), POST
// /api/auth/token/revoke/ and GET /api/auth/token/verify/ with
// `Authorization: Token <token>`. Answers in the IMAS error format.
#include "db/connection_pool.hpp"
#include "http/blocking_work.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class AuthTokens {
 public:
  AuthTokens(AwaitedWriter& writer, BlockingWork& blocking, db::ConnectionPool& pool)
      : writer_(writer), blocking_(blocking), pool_(pool) {}

  void create(RequestContext& context);
  void revoke(RequestContext& context);
  void verify(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  BlockingWork& blocking_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api
