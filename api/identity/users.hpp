#pragma once
// xcore user administration: GET /admin/users (search, is_active, sort_by,
// sort_order, skip/limit), role assignment and removal, activation and
// deactivation. Writes are identity tasks. A caller assigns only roles whose
// permissions it holds; role admin is given and taken, and admins (de)activated,
// by admins only (domain/grant_rules.hpp; the worker checks again).
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "identity/identity_cache.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class Users {
 public:
  Users(AwaitedWriter& writer, db::ConnectionPool& pool, const IdentityCache& cache)
      : writer_(writer), pool_(pool), cache_(cache) {}

  void list(RequestContext& context);
  void assign_role(RequestContext& context);
  void remove_role(RequestContext& context);
  void activate(RequestContext& context);
  void deactivate(RequestContext& context);

 private:
  void set_active(RequestContext& context, bool active);

  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
  const IdentityCache& cache_;
};

}  // namespace switchyard::api
