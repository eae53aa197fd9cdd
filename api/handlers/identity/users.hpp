#pragma once
// xcore user administration: GET /admin/users (search, is_active, sort_by,
// sort_order, skip/limit), role assignment and removal, activation and
// deactivation. Writes are identity tasks.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class Users {
 public:
  Users(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void list(RequestContext& context);
  void assign_role(RequestContext& context);
  void remove_role(RequestContext& context);
  void activate(RequestContext& context);
  void deactivate(RequestContext& context);

 private:
  void set_active(RequestContext& context, bool active);

  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api
