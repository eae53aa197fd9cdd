#pragma once
// The route table: every endpoint with its method, path, access rule, rate-limit
// class and error format, one file per resource under routes/. The server wraps each handler with
// the common pipeline (request id, body limit, authentication, authorization, rate limit, error
// mapping, metrics). A test walks this table: every non-public route must answer 401 without
// credentials and 403 without its permission, so a new route cannot forget its check.
#include <pistache/http_defs.h>

#include <functional>
#include <string>
#include <vector>

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
  kWebhook,   // per source IP
  kStandard,  // per caller; callers with role admin count against the admin limit
};

struct Handlers;

// One row of the table: everything about a route but the handler objects, so
// tests can walk the table without a running API.
struct RouteSpec {
  Pistache::Http::Method method;
  std::string path;  // Pistache syntax: /api/v1/tasks/:id
  Access access;
  RateClass rate;
  std::function<void(const Handlers&, RequestContext&)> call;
  ErrorStyle style = ErrorStyle::kXcore;
};

// A row bound to the handler objects of a running API.
struct Route {
  Pistache::Http::Method method;
  std::string path;
  Access access;
  RateClass rate;
  std::function<void(RequestContext&)> handler;
  ErrorStyle style = ErrorStyle::kXcore;
};

class TaskSubmission;
class TaskQueries;
class TaskCancellation;
class DeadLetters;
class ServiceList;
class WorkerList;
class HealthCheck;
class MetricsEndpoint;
class ApiDocs;
class Accounts;
class AuthTokens;
class Roles;
class Users;
class ApiKeys;
namespace releases {
class Collection;
class ReleaseViews;
class Master;
class Badges;
}  // namespace releases
namespace tracker {
class Events;
class Catalog;
class Locks;
}  // namespace tracker

struct Handlers {
  TaskSubmission& task_submission;
  TaskQueries& task_queries;
  TaskCancellation& task_cancellation;
  DeadLetters& dead_letters;
  ServiceList& services;
  WorkerList& workers;
  HealthCheck& health;
  MetricsEndpoint& metrics;
  ApiDocs& docs;
  Accounts& accounts;
  AuthTokens& auth_tokens;
  Roles& roles;
  Users& users;
  ApiKeys& api_keys;
  tracker::Events& events;
  tracker::Catalog& catalog;
  tracker::Locks& locks;
  releases::Collection& collection;
  releases::ReleaseViews& release_views;
  releases::Master& master;
  releases::Badges& badges;
};

struct RouteOptions {
  bool metrics_public = true;            // METRICS_PUBLIC
  bool tracker_anonymous_read = false;   // TRACKER_ANONYMOUS=read or read-write
  bool tracker_anonymous_write = false;  // TRACKER_ANONYMOUS=read-write
};

std::vector<RouteSpec> route_table(const RouteOptions& options);
// `handlers` must outlive the routes.
std::vector<Route> make_routes(const Handlers& handlers, const RouteOptions& options);

}  // namespace switchyard::api
