#pragma once
// The incident metrics as JSON (imas-incidents-api.md, "Endpoints Métriques";
// docs/incidents.md, "Metrics"): GET /api/v1/metrics/summary/, trends/,
// top-offenders/ and by-service/, each over a `period`. Straight from PostgreSQL
// (storage/incidents/incident_metrics_repository), one read-only transaction each.
#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api::incidents {

class IncidentMetrics {
 public:
  explicit IncidentMetrics(db::ConnectionPool& pool) : pool_(pool) {}

  // Counts, average MTTD/MTTA/MTTR and the p50/p90 of MTTA and MTTR.
  void summary(RequestContext& context);
  // Incidents and average MTTR/MTTA per ISO week, every week of the period.
  void trends(RequestContext& context);
  // Services with the most incidents; `limit` 1..100 (10).
  void top_offenders(RequestContext& context);
  // The summary's figures for each service with incidents.
  void by_service(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api::incidents
