#pragma once
// The counters' two endpoints: POST /api/v1/counters/:name/increment {"by": N}
// publishes a counter.increment task and awaits it (200 with the counter after
// the write, or 202 past MAX_WAIT_SECONDS); GET /api/v1/counters/:name reads it.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::example::counter {

class Counters {
 public:
  Counters(api::AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void increment(api::RequestContext& context);
  void get(api::RequestContext& context);

 private:
  void answer(api::Responder& responder, const std::string& name);

  api::AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::example::counter
