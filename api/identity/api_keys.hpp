#pragma once
// API keys managed at run time (release-tracker-api.md's admin and client keys):
// GET /admin/api-keys, POST /admin/api-keys ({"name","role":"admin|client",
// "client"} → the key, shown once; only its SHA-256 is stored), DELETE
// /admin/api-keys/{id} (revoked at once in this process, within
// IDENTITY_REFRESH_MS in the others). Keys of clients.yaml are not listed here.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "identity/identity_cache.hpp"
#include "request_context.hpp"

namespace switchyard::api {

// A key holds no more than its maker: admin keys are made (and revoked) by admins
// only, client and reader keys by callers holding their permissions
// (domain/grant_rules.hpp; the worker checks again). The last admin credential
// cannot be revoked (409).
class ApiKeys {
 public:
  ApiKeys(AwaitedWriter& writer, db::ConnectionPool& pool, const IdentityCache& cache)
      : writer_(writer), pool_(pool), cache_(cache) {}

  void list(RequestContext& context);
  void create(RequestContext& context);
  void revoke(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
  const IdentityCache& cache_;
};

}  // namespace switchyard::api
