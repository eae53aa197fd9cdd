#pragma once
// One row of the route table: method, path, who may call it, which rate limit it
// counts against and its error format. Each domain module lists its own rows
// (api/<domain>/<domain>_api.cpp); ApiModules puts them into the one table the
// server mounts and the tests walk: every non-public route must answer 401 without
// credentials and 403 without its permission, and every route must be in the
// OpenAPI document, so a new route cannot forget its check or its documentation.
#include <pistache/http_defs.h>

#include <functional>
#include <string>

#include "http/error_body.hpp"
#include "request_context.hpp"

namespace switchyard::api {

// Who may call a route.
struct Access {
  enum class Kind {
    kPublic,         // health, docs, sign-in; credentials are read if present
    kAuthenticated,  // any valid credentials (e.g. /auth/me)
    kPermission,     // credentials holding `permission` (resource:action)
  };
  // A public route that would need `permission` but is opened to callers without
  // it by configuration (TRACKER_ANONYMOUS). Callers without the permission, with
  // credentials or none, are then anonymous callers: they must come from
  // TRACKER_ANONYMOUS_FROM, and their writes count per IP.
  enum class Opened { kNo, kRead, kWrite };
  Kind kind = Kind::kPublic;
  std::string permission;  // kPermission; an opened route's too
  Opened opened = Opened::kNo;
};

inline Access public_route() { return {Access::Kind::kPublic, {}}; }
inline Access authenticated() { return {Access::Kind::kAuthenticated, {}}; }
inline Access needs(std::string permission) {
  return {Access::Kind::kPermission, std::move(permission)};
}

// Which documented limit a route counts against (clients.yaml rate_limits).
enum class RateClass {
  kNone,      // probes and documentation
  kAuth,      // sign-in and registration: per client IP
  kWebhook,   // per webhook source, counted by the route (AccessControl::limit_webhook_source)
  kStandard,  // per caller; callers with role admin count against the admin limit
};

// Settings that change a route's access (read by the modules' route lists).
struct RouteOptions {
  bool metrics_public = true;            // METRICS_PUBLIC
  bool tracker_anonymous_read = false;   // TRACKER_ANONYMOUS=read or read-write
  bool tracker_anonymous_write = false;  // TRACKER_ANONYMOUS=read-write
};

// Everything about a route but its handler, so tests can walk the table without a
// running API.
struct RouteSpec {
  Pistache::Http::Method method;
  std::string path;  // Pistache syntax: /api/v1/tasks/:id
  Access access;
  RateClass rate;
  ErrorStyle style = ErrorStyle::kXcore;
};

// A row bound to the handler object of a running API.
struct Route : RouteSpec {
  std::function<void(RequestContext&)> handler;
};

}  // namespace switchyard::api
