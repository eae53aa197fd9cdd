#pragma once
// TrackerGrpcServer: the tracker's gRPC door (docs/tracker.md) on GRPC_PORT, in
// the API process on gRPC's own threads: EventService, CatalogService and
// LockService with the original Tracker's wire, over the same actions as the
// REST routes; server reflection (grpcurl) and the standard health service
// (grpc.health.v1, Kubernetes gRPC probes: SERVING for "" and each service until
// stop()). Messages are limited to MAX_BODY_BYTES, as REST bodies.
#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tracker/grpc/grpc_catalog_service.hpp"
#include "tracker/grpc/grpc_door.hpp"
#include "tracker/grpc/grpc_event_service.hpp"
#include "tracker/grpc/grpc_lock_service.hpp"

namespace switchyard::api::tracker {

struct TrackerGrpcOptions {
  std::string host = "0.0.0.0";
  std::uint16_t port = 8765;
  std::size_t max_message_bytes = 1 << 20;
};

class TrackerGrpcServer {
 public:
  // `routes`: the tracker's REST route table (TrackerApi::route_specs), whose
  // access and rate classes the RPCs take.
  TrackerGrpcServer(TrackerGrpcOptions options, const AccessControl& access,
                    std::vector<RouteSpec> routes, EventActions& events, CatalogActions& catalog,
                    LockActions& locks);
  ~TrackerGrpcServer();

  // Throws std::runtime_error when it cannot listen (the port is taken).
  void start();
  // Health turns NOT_SERVING, new calls are refused, calls in flight get up to
  // 10 s to finish (an awaited write is answered by then, or cancelled).
  // Idempotent.
  void stop();
  std::uint16_t port() const { return static_cast<std::uint16_t>(port_); }

 private:
  TrackerGrpcOptions options_;
  GrpcDoor door_;
  GrpcEventService events_;
  GrpcCatalogService catalog_;
  GrpcLockService locks_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace switchyard::api::tracker
