#pragma once
// The collection endpoints of release-tracker-api.md:
// - PUT /api/collect/{namespace}/{workload-kind}/{workload-name}/{container} records
//   a release by hand: a releases.record task, awaited, answered with the
//   documented 200 body once the worker recorded it;
// - POST /api/collect collects this instance's cluster now: a releases.collect
//   task, awaited, answered with what it recorded and skipped (202 with the task's
//   link past MAX_WAIT_SECONDS). The scheduler runs the same task periodically.
#include "http/awaited_writer.hpp"
#include "releases/release_settings.hpp"
#include "request_context.hpp"

namespace switchyard::api::releases {

class Collection {
 public:
  Collection(AwaitedWriter& writer, ReleaseSettings settings)
      : writer_(writer), settings_(std::move(settings)) {}

  void put(RequestContext& context);
  void collect_cluster(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  ReleaseSettings settings_;
};

}  // namespace switchyard::api::releases
