#pragma once
// GET /api/v1/metrics/export/?format=csv: every incident of the period (every
// incident without one), oldest first, one CSV row each with its KPIs
// (docs/incidents.md, "Export"). `format` is csv (the default); anything else is
// the IMAS 400 naming it.
//
// The body is built in memory before it is sent (Pistache 0.0.5 has no
// back-pressure for a streamed body: a slow client would queue it all anyway), so
// the export is capped: past kMaxRows incidents or kMaxBytes of CSV the answer is
// a 400 asking for a shorter period (never a truncated file), and the API holds
// at most kMaxBytes plus one row of CSV and one batch of rows from PostgreSQL.
// It is built on the BlockingWork threads, never on a Pistache reactor thread
// (a full queue answers 503).
#include <cstddef>

#include "db/connection_pool.hpp"
#include "http/blocking_work.hpp"
#include "request_context.hpp"

namespace switchyard::api::incidents {

class IncidentExport {
 public:
  static constexpr std::size_t kMaxRows = 100'000;
  static constexpr std::size_t kMaxBytes = 64 * 1024 * 1024;

  IncidentExport(db::ConnectionPool& pool, BlockingWork& blocking)
      : pool_(pool), blocking_(blocking) {}

  void csv(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  BlockingWork& blocking_;
};

}  // namespace switchyard::api::incidents
