#pragma once
// The release tracker's reads (release-tracker-api.md): GET /api/releases/current
// (grouped by namespace, ordered_namespaces, total) and GET
// /api/releases/history/{client}/{env}/{namespace}/{workload}/{container}
// (newest first, 404 for an unknown component). From PostgreSQL.
#include "db/connection_pool.hpp"
#include "releases/release_settings.hpp"
#include "request_context.hpp"

namespace switchyard::api::releases {

class ReleaseViews {
 public:
  ReleaseViews(db::ConnectionPool& pool, ReleaseSettings settings)
      : pool_(pool), settings_(std::move(settings)) {}

  void current(RequestContext& context);
  void history(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  ReleaseSettings settings_;
};

}  // namespace switchyard::api::releases
