#pragma once
// Tracker locks (tracker-api.md, LockService): POST takes the lock of a service
// (409 with the holder when it is held — of concurrent takers exactly one wins,
// enforced by PostgreSQL), GET /lock/{id}, GET /unlock/{id} releases — for the
// caller that took the lock (same credentials, or both anonymous) or an admin,
// else 403 — and the list. Takes and releases are tracker.* tasks, awaited.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api::tracker {

class Locks {
 public:
  Locks(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void take(RequestContext& context);
  void get(RequestContext& context);
  void release(RequestContext& context);
  void list(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api::tracker
