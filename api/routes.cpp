#include "routes.hpp"

#include "handlers/identity/accounts.hpp"
#include "handlers/identity/api_keys.hpp"
#include "handlers/identity/auth_tokens.hpp"
#include "handlers/identity/roles.hpp"
#include "handlers/identity/users.hpp"
#include "handlers/platform/service_list.hpp"
#include "handlers/platform/worker_list.hpp"
#include "handlers/system/api_docs.hpp"
#include "handlers/system/health_check.hpp"
#include "handlers/system/metrics_endpoint.hpp"
#include "handlers/tasks/dead_letters.hpp"
#include "handlers/tasks/task_cancellation.hpp"
#include "handlers/tasks/task_queries.hpp"
#include "handlers/tasks/task_submission.hpp"
#include "handlers/tracker/catalog.hpp"
#include "handlers/tracker/events.hpp"
#include "handlers/tracker/locks.hpp"

namespace switchyard::api {

using Pistache::Http::Method;

// A table cell calling handler object `field` of Handlers with member `method`.
#define CALL(field, method) [](const Handlers& h, RequestContext& c) { h.field.method(c); }

std::vector<RouteSpec> route_table(const RouteOptions& options) {
  const Access metrics_access = options.metrics_public ? public_route() : needs("metrics:read");
  constexpr auto kNone = RateClass::kNone;
  constexpr auto kAuth = RateClass::kAuth;
  constexpr auto kStd = RateClass::kStandard;
  constexpr auto kImas = ErrorStyle::kImas;
  constexpr auto kGrpc = ErrorStyle::kGrpcGateway;
  // The tracker's access: its permission, or none for teams migrating from the
  // original Tracker (TRACKER_ANONYMOUS).
  auto tracker_read = [&](const char* permission) {
    return options.tracker_anonymous_read ? public_route() : needs(permission);
  };
  auto tracker_write = [&](const char* permission) {
    return options.tracker_anonymous_write ? public_route() : needs(permission);
  };
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/api/v1/tasks",                         needs("tasks:write"),           kStd,  CALL(task_submission, handle)},
      {Method::Get,    "/api/v1/tasks",                         needs("tasks:read"),            kStd,  CALL(task_queries, list)},
      {Method::Get,    "/api/v1/tasks/stats",                   needs("tasks:read"),            kStd,  CALL(task_queries, stats)},
      {Method::Get,    "/api/v1/tasks/:id",                     needs("tasks:read"),            kStd,  CALL(task_queries, get)},
      {Method::Post,   "/api/v1/tasks/:id/cancel",              needs("tasks:cancel"),          kStd,  CALL(task_cancellation, handle)},
      {Method::Get,    "/api/v1/dead-letters",                  needs("dead_letters:read"),     kStd,  CALL(dead_letters, list)},
      {Method::Post,   "/api/v1/dead-letters/replay",           needs("dead_letters:replay"),   kStd,  CALL(dead_letters, replay_all)},
      {Method::Post,   "/api/v1/dead-letters/:id/replay",       needs("dead_letters:replay"),   kStd,  CALL(dead_letters, replay)},
      {Method::Get,    "/api/v1/services",                      needs("services:read"),         kStd,  CALL(services, handle)},
      {Method::Get,    "/api/v1/workers",                       needs("workers:read"),          kStd,  CALL(workers, handle)},

      {Method::Post,   "/auth/register",                        public_route(),                 kAuth, CALL(accounts, register_user)},
      {Method::Post,   "/auth/login",                           public_route(),                 kAuth, CALL(accounts, login)},
      {Method::Get,    "/auth/me",                              authenticated(),                kStd,  CALL(accounts, me)},
      {Method::Post,   "/auth/refresh",                         authenticated(),                kStd,  CALL(accounts, refresh)},
      {Method::Get,    "/admin/roles",                          needs("roles:read"),            kStd,  CALL(roles, list)},
      {Method::Post,   "/admin/roles",                          needs("roles:write"),           kStd,  CALL(roles, create)},
      {Method::Get,    "/admin/roles/:role_id",                 needs("roles:read"),            kStd,  CALL(roles, get)},
      {Method::Put,    "/admin/roles/:role_id",                 needs("roles:write"),           kStd,  CALL(roles, update)},
      {Method::Delete, "/admin/roles/:role_id",                 needs("roles:write"),           kStd,  CALL(roles, remove)},
      {Method::Get,    "/admin/permissions",                    needs("permissions:read"),      kStd,  CALL(roles, list_permissions)},
      {Method::Post,   "/admin/permissions",                    needs("permissions:write"),     kStd,  CALL(roles, create_permission)},
      {Method::Get,    "/admin/users",                          needs("users:read"),            kStd,  CALL(users, list)},
      {Method::Post,   "/admin/users/:user_id/roles/:role_id",  needs("users:write"),           kStd,  CALL(users, assign_role)},
      {Method::Delete, "/admin/users/:user_id/roles/:role_id",  needs("users:write"),           kStd,  CALL(users, remove_role)},
      {Method::Post,   "/admin/users/:user_id/activate",        needs("users:write"),           kStd,  CALL(users, activate)},
      {Method::Post,   "/admin/users/:user_id/deactivate",      needs("users:write"),           kStd,  CALL(users, deactivate)},
      {Method::Get,    "/admin/api-keys",                       needs("api_keys:read"),         kStd,  CALL(api_keys, list)},
      {Method::Post,   "/admin/api-keys",                       needs("api_keys:write"),        kStd,  CALL(api_keys, create)},
      {Method::Delete, "/admin/api-keys/:key_id",               needs("api_keys:write"),        kStd,  CALL(api_keys, revoke)},

      {Method::Post,   "/api/auth/token/",                      public_route(),                 kAuth, CALL(auth_tokens, create), kImas},
      {Method::Post,   "/api/auth/token/revoke/",               authenticated(),                kStd,  CALL(auth_tokens, revoke), kImas},
      {Method::Get,    "/api/auth/token/verify/",               authenticated(),                kStd,  CALL(auth_tokens, verify), kImas},

      {Method::Post,   "/api/v1alpha1/event",                   tracker_write("events:write"),  kStd,  CALL(events, create), kGrpc},
      {Method::Put,    "/api/v1alpha1/event",                   tracker_write("events:write"),  kStd,  CALL(events, update), kGrpc},
      {Method::Get,    "/api/v1alpha1/event/:id",               tracker_read("events:read"),    kStd,  CALL(events, get), kGrpc},
      {Method::Delete, "/api/v1alpha1/event/:id",               tracker_write("events:write"),  kStd,  CALL(events, remove), kGrpc},
      {Method::Get,    "/api/v1alpha1/events/list",             tracker_read("events:read"),    kStd,  CALL(events, list), kGrpc},
      {Method::Get,    "/api/v1alpha1/events/search",           tracker_read("events:read"),    kStd,  CALL(events, search), kGrpc},
      {Method::Get,    "/api/v1alpha1/events/today",            tracker_read("events:read"),    kStd,  CALL(events, today), kGrpc},
      {Method::Put,    "/api/v1alpha1/catalog",                 tracker_write("catalog:write"), kStd,  CALL(catalog, put), kGrpc},
      {Method::Get,    "/api/v1alpha1/catalog",                 tracker_read("catalog:read"),   kStd,  CALL(catalog, get), kGrpc},
      {Method::Delete, "/api/v1alpha1/catalog",                 tracker_write("catalog:write"), kStd,  CALL(catalog, remove), kGrpc},
      {Method::Get,    "/api/v1alpha1/catalogs/list",           tracker_read("catalog:read"),   kStd,  CALL(catalog, list), kGrpc},
      {Method::Post,   "/api/v1alpha1/lock",                    tracker_write("locks:write"),   kStd,  CALL(locks, take), kGrpc},
      {Method::Get,    "/api/v1alpha1/lock/:id",                tracker_read("locks:read"),     kStd,  CALL(locks, get), kGrpc},
      {Method::Get,    "/api/v1alpha1/unlock/:id",              tracker_write("locks:write"),   kStd,  CALL(locks, release), kGrpc},
      {Method::Get,    "/api/v1alpha1/locks/list",              tracker_read("locks:read"),     kStd,  CALL(locks, list), kGrpc},

      {Method::Get,    "/health",                               public_route(),                 kNone, CALL(health, handle)},
      {Method::Get,    "/metrics",                              metrics_access,                 kNone, CALL(metrics, handle)},
      {Method::Get,    "/openapi.json",                         public_route(),                 kNone, CALL(docs, openapi)},
      {Method::Get,    "/swagger.json",                         public_route(),                 kNone, CALL(docs, openapi)},  // the Tracker's path
      {Method::Get,    "/docs",                                 public_route(),                 kNone, CALL(docs, swagger_ui)},
      {Method::Get,    "/redoc",                                public_route(),                 kNone, CALL(docs, redoc)},
      {Method::Get,    "/docs/assets/:file",                    public_route(),                 kNone, CALL(docs, asset)},
  };
  // clang-format on
}

#undef CALL

std::vector<Route> make_routes(const Handlers& handlers, const RouteOptions& options) {
  std::vector<Route> routes;
  for (auto& spec : route_table(options)) {
    routes.push_back({spec.method, spec.path, spec.access, spec.rate,
                      [&handlers, call = std::move(spec.call)](RequestContext& context) {
                        call(handlers, context);
                      },
                      spec.style});
  }
  return routes;
}

}  // namespace switchyard::api
