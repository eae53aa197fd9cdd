#pragma once
// The tracker (tracker-api.md): events, catalog and locks in the original
// Tracker's wire format, through two doors over the same actions: REST routes
// with grpc-gateway errors, and the original's gRPC services on GRPC_PORT
// (tracker/grpc/, started and stopped with the API). Writes go through the
// internal `tracker` service and are awaited; reads come from PostgreSQL.
// TRACKER_ANONYMOUS can open both doors to callers without credentials (teams
// migrating from the original Tracker).
#include <memory>

#include "module.hpp"
#include "tracker/catalog.hpp"
#include "tracker/events.hpp"
#include "tracker/locks.hpp"

namespace switchyard::api::tracker {

class TrackerGrpcServer;

class TrackerApi final : public ApiModuleOf<TrackerApi> {
 public:
  static constexpr std::string_view kName = "tracker";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<TrackerApi>> route_rows(const RouteOptions& options);

  explicit TrackerApi(ModuleContext& context);
  ~TrackerApi() override;

  // The gRPC door, unless GRPC_PORT is 0.
  void start(const RouteOptions& options) override;
  void stop() override;

 private:
  const ModuleContext& context_;
  AwaitedWriter writer_;
  EventActions event_actions_;
  CatalogActions catalog_actions_;
  LockActions lock_actions_;
  Events events_;
  Catalog catalog_;
  Locks locks_;
  std::unique_ptr<TrackerGrpcServer> grpc_;
};

}  // namespace switchyard::api::tracker
