#pragma once
// PUT /api/collect/{namespace}/{workload-kind}/{workload-name}/{container}: records
// a release by hand (release-tracker-api.md). A releases.record task, awaited;
// answered with the documented 200 body once the worker recorded it.
#include "config/settings.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api::releases {

class Collection {
 public:
  Collection(AwaitedWriter& writer, const config::Settings& settings)
      : writer_(writer), settings_(settings) {}

  void put(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  const config::Settings& settings_;
};

}  // namespace switchyard::api::releases
