#pragma once
// GrpcDoor: what every call of the tracker's gRPC services passes before its
// handler, as a REST request passes ApiServer's pipeline: authentication from the
// call metadata (`authorization: Bearer <API key or JWT>`, `Token <token>`),
// then the access and rate class of the RPC's REST twin — the route of the same
// operation in TrackerApi's table, looked up by method and path — through the
// one AccessControl, so the two doors cannot drift apart (permissions,
// TRACKER_ANONYMOUS, TRACKER_ANONYMOUS_FROM, rate limits). The client address is
// the call's peer, or `x-forwarded-for` from TRUSTED_PROXIES. X-RateLimit-* go to
// the initial metadata (lower-cased).
#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/caught_error.hpp"
#include "middleware/access_control.hpp"
#include "route.hpp"
#include "tracker/grpc/grpc_answer.hpp"

namespace switchyard::api::tracker {

// Who is calling, as the actions need it.
struct GrpcCaller {
  std::string name;  // a write's submitted_by: the principal's name, or "anonymous"
  bool admin = false;
};

class GrpcDoor {
 public:
  GrpcDoor(const AccessControl& access, std::vector<RouteSpec> routes)
      : access_(access), routes_(std::move(routes)) {}

  // The REST route `method path` (throws std::logic_error when there is none).
  const RouteSpec& route(Pistache::Http::Method method, std::string_view path) const;

  // Serves one unary call allowed as `route`: `serve(caller, answer)` fills the
  // response and answers (at once, or later through answer->settled). What the
  // admission or `serve` throws is answered as its status.
  template <class Serve>
  grpc::ServerUnaryReactor* call(grpc::CallbackServerContext* context, const RouteSpec& route,
                                 Serve&& serve) const {
    auto answer = std::make_shared<GrpcAnswer>(context);
    try {
      const GrpcCaller caller = admit(context, route);
      serve(caller, answer);
    } catch (...) {
      answer->fail(caught_error("grpc " + route.path));
    }
    return answer->reactor();
  }

 private:
  GrpcCaller admit(grpc::CallbackServerContext* context, const RouteSpec& route) const;

  const AccessControl& access_;
  std::vector<RouteSpec> routes_;
};

}  // namespace switchyard::api::tracker
