#pragma once
// API keys managed at run time (release-tracker-api.md's admin and client keys):
// GET /admin/api-keys, POST /admin/api-keys ({"name","role":"admin|client",
// "client"} → the key, shown once; only its SHA-256 is stored), DELETE
// /admin/api-keys/{id} (revoked at once in this process, within
// IDENTITY_REFRESH_MS in the others). Keys of clients.yaml are not listed here.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class ApiKeys {
 public:
  ApiKeys(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void list(RequestContext& context);
  void create(RequestContext& context);
  void revoke(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api
