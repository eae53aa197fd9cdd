#pragma once
// The tracker (tracker-api.md): events, catalog and locks in the original
// Tracker's wire format, with grpc-gateway errors. Writes go through the internal
// `tracker` service and are awaited; reads come from PostgreSQL. TRACKER_ANONYMOUS
// can open its routes to callers without credentials (teams migrating from the
// original Tracker).
#include "module.hpp"
#include "tracker/catalog.hpp"
#include "tracker/events.hpp"
#include "tracker/locks.hpp"

namespace switchyard::api::tracker {

class TrackerApi final : public ApiModuleOf<TrackerApi> {
 public:
  static constexpr std::string_view kName = "tracker";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<TrackerApi>> route_rows(const RouteOptions& options);

  explicit TrackerApi(ModuleContext& context);

 private:
  AwaitedWriter writer_;
  Events events_;
  Catalog catalog_;
  Locks locks_;
};

}  // namespace switchyard::api::tracker
