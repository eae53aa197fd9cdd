#pragma once
// xcore administration of roles and permissions: /admin/roles (list with
// skip/limit, create, get with permissions and users_count, update, delete) and
// /admin/permissions (list, create with resource:action names). Reads from
// PostgreSQL; writes are identity tasks. A caller adds to a role only
// permissions it holds itself (domain/grant_rules.hpp; the worker checks again).
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "identity/identity_cache.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class Roles {
 public:
  Roles(AwaitedWriter& writer, db::ConnectionPool& pool, const IdentityCache& cache)
      : writer_(writer), pool_(pool), cache_(cache) {}

  void list(RequestContext& context);
  void create(RequestContext& context);
  void get(RequestContext& context);
  void update(RequestContext& context);
  void remove(RequestContext& context);
  void list_permissions(RequestContext& context);
  void create_permission(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
  const IdentityCache& cache_;
};

}  // namespace switchyard::api
