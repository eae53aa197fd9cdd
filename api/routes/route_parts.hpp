#pragma once
// The route table's parts, one file per resource (api/routes/), each listing its
// rows: method, path, access, rate class, handler and error format. routes.cpp
// puts them together; see routes.hpp for what each column means.
#include <vector>

#include "routes.hpp"

namespace switchyard::api {

// A table cell calling handler object `field` of Handlers with member `method`.
#define CALL(field, method) [](const Handlers& h, RequestContext& c) { h.field.method(c); }

using Pistache::Http::Method;
constexpr auto kNone = RateClass::kNone;
constexpr auto kAuth = RateClass::kAuth;
constexpr auto kStd = RateClass::kStandard;
constexpr auto kImas = ErrorStyle::kImas;
constexpr auto kGrpc = ErrorStyle::kGrpcGateway;

std::vector<RouteSpec> task_routes(const RouteOptions& options);
std::vector<RouteSpec> identity_routes(const RouteOptions& options);
std::vector<RouteSpec> system_routes(const RouteOptions& options);
std::vector<RouteSpec> tracker_event_routes(const RouteOptions& options);
std::vector<RouteSpec> tracker_catalog_routes(const RouteOptions& options);
std::vector<RouteSpec> tracker_lock_routes(const RouteOptions& options);
std::vector<RouteSpec> release_routes(const RouteOptions& options);

// The tracker's access: its permission, or none for teams migrating from the
// original Tracker (TRACKER_ANONYMOUS).
inline Access tracker_read(const RouteOptions& options, const char* permission) {
  if (!options.tracker_anonymous_read) return needs(permission);
  return {Access::Kind::kPublic, permission, Access::Opened::kRead};
}
inline Access tracker_write(const RouteOptions& options, const char* permission) {
  if (!options.tracker_anonymous_write) return needs(permission);
  return {Access::Kind::kPublic, permission, Access::Opened::kWrite};
}

}  // namespace switchyard::api
