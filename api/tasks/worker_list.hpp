#pragma once
// GET /api/v1/workers — the live workers, from their heartbeats (seen in the last
// 15 s): id, host, pid, services, in_flight, processed, started_at, last_seen.
#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class WorkerList {
 public:
  explicit WorkerList(db::ConnectionPool& pool) : pool_(pool) {}

  void handle(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api
