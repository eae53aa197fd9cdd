// Tracker locks (tracker-api.md, LockService).
#include "routes/route_parts.hpp"

#include "handlers/tracker/locks.hpp"

namespace switchyard::api {

std::vector<RouteSpec> tracker_lock_routes(const RouteOptions& options) {
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/api/v1alpha1/lock",                    tracker_write(options, "locks:write"),   kStd,  CALL(locks, take), kGrpc},
      {Method::Get,    "/api/v1alpha1/lock/:id",                tracker_read(options, "locks:read"),     kStd,  CALL(locks, get), kGrpc},
      {Method::Get,    "/api/v1alpha1/unlock/:id",              tracker_write(options, "locks:write"),   kStd,  CALL(locks, release), kGrpc},
      {Method::Get,    "/api/v1alpha1/locks/list",              tracker_read(options, "locks:read"),     kStd,  CALL(locks, list), kGrpc},
  };
  // clang-format on
}

}  // namespace switchyard::api
