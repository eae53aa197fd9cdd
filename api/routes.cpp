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

namespace switchyard::api {

using Pistache::Http::Method;

std::vector<Route> make_routes(const Handlers& h, const RouteOptions& options) {
  auto bind = [](auto& object, auto member) {
    return [&object, member](RequestContext& context) { (object.*member)(context); };
  };
  const Access metrics_access = options.metrics_public ? public_route() : needs("metrics:read");
  constexpr auto kNone = RateClass::kNone;
  constexpr auto kAuth = RateClass::kAuth;
  constexpr auto kStd = RateClass::kStandard;
  constexpr auto kImas = ErrorStyle::kImas;
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/api/v1/tasks",                         needs("tasks:write"),           kStd,  bind(h.task_submission, &TaskSubmission::handle)},
      {Method::Get,    "/api/v1/tasks",                         needs("tasks:read"),            kStd,  bind(h.task_queries, &TaskQueries::list)},
      {Method::Get,    "/api/v1/tasks/stats",                   needs("tasks:read"),            kStd,  bind(h.task_queries, &TaskQueries::stats)},
      {Method::Get,    "/api/v1/tasks/:id",                     needs("tasks:read"),            kStd,  bind(h.task_queries, &TaskQueries::get)},
      {Method::Post,   "/api/v1/tasks/:id/cancel",              needs("tasks:cancel"),          kStd,  bind(h.task_cancellation, &TaskCancellation::handle)},
      {Method::Get,    "/api/v1/dead-letters",                  needs("dead_letters:read"),     kStd,  bind(h.dead_letters, &DeadLetters::list)},
      {Method::Post,   "/api/v1/dead-letters/replay",           needs("dead_letters:replay"),   kStd,  bind(h.dead_letters, &DeadLetters::replay_all)},
      {Method::Post,   "/api/v1/dead-letters/:id/replay",       needs("dead_letters:replay"),   kStd,  bind(h.dead_letters, &DeadLetters::replay)},
      {Method::Get,    "/api/v1/services",                      needs("services:read"),         kStd,  bind(h.services, &ServiceList::handle)},
      {Method::Get,    "/api/v1/workers",                       needs("workers:read"),          kStd,  bind(h.workers, &WorkerList::handle)},

      {Method::Post,   "/auth/register",                        public_route(),                 kAuth, bind(h.accounts, &Accounts::register_user)},
      {Method::Post,   "/auth/login",                           public_route(),                 kAuth, bind(h.accounts, &Accounts::login)},
      {Method::Get,    "/auth/me",                              authenticated(),                kStd,  bind(h.accounts, &Accounts::me)},
      {Method::Post,   "/auth/refresh",                         authenticated(),                kStd,  bind(h.accounts, &Accounts::refresh)},
      {Method::Get,    "/admin/roles",                          needs("roles:read"),            kStd,  bind(h.roles, &Roles::list)},
      {Method::Post,   "/admin/roles",                          needs("roles:write"),           kStd,  bind(h.roles, &Roles::create)},
      {Method::Get,    "/admin/roles/:role_id",                 needs("roles:read"),            kStd,  bind(h.roles, &Roles::get)},
      {Method::Put,    "/admin/roles/:role_id",                 needs("roles:write"),           kStd,  bind(h.roles, &Roles::update)},
      {Method::Delete, "/admin/roles/:role_id",                 needs("roles:write"),           kStd,  bind(h.roles, &Roles::remove)},
      {Method::Get,    "/admin/permissions",                    needs("permissions:read"),      kStd,  bind(h.roles, &Roles::list_permissions)},
      {Method::Post,   "/admin/permissions",                    needs("permissions:write"),     kStd,  bind(h.roles, &Roles::create_permission)},
      {Method::Get,    "/admin/users",                          needs("users:read"),            kStd,  bind(h.users, &Users::list)},
      {Method::Post,   "/admin/users/:user_id/roles/:role_id",  needs("users:write"),           kStd,  bind(h.users, &Users::assign_role)},
      {Method::Delete, "/admin/users/:user_id/roles/:role_id",  needs("users:write"),           kStd,  bind(h.users, &Users::remove_role)},
      {Method::Post,   "/admin/users/:user_id/activate",        needs("users:write"),           kStd,  bind(h.users, &Users::activate)},
      {Method::Post,   "/admin/users/:user_id/deactivate",      needs("users:write"),           kStd,  bind(h.users, &Users::deactivate)},
      {Method::Get,    "/admin/api-keys",                       needs("api_keys:read"),         kStd,  bind(h.api_keys, &ApiKeys::list)},
      {Method::Post,   "/admin/api-keys",                       needs("api_keys:write"),        kStd,  bind(h.api_keys, &ApiKeys::create)},
      {Method::Delete, "/admin/api-keys/:key_id",               needs("api_keys:write"),        kStd,  bind(h.api_keys, &ApiKeys::revoke)},

      {Method::Post,   "/api/auth/token/",                      public_route(),                 kAuth, bind(h.auth_tokens, &AuthTokens::create), kImas},
      {Method::Post,   "/api/auth/token/revoke/",               authenticated(),                kStd,  bind(h.auth_tokens, &AuthTokens::revoke), kImas},
      {Method::Get,    "/api/auth/token/verify/",               authenticated(),                kStd,  bind(h.auth_tokens, &AuthTokens::verify), kImas},

      {Method::Get,    "/health",                               public_route(),                 kNone, bind(h.health, &HealthCheck::handle)},
      {Method::Get,    "/metrics",                              metrics_access,                 kNone, bind(h.metrics, &MetricsEndpoint::handle)},
      {Method::Get,    "/openapi.json",                         public_route(),                 kNone, bind(h.docs, &ApiDocs::openapi)},
      {Method::Get,    "/docs",                                 public_route(),                 kNone, bind(h.docs, &ApiDocs::swagger_ui)},
      {Method::Get,    "/redoc",                                public_route(),                 kNone, bind(h.docs, &ApiDocs::redoc)},
      {Method::Get,    "/docs/assets/:file",                    public_route(),                 kNone, bind(h.docs, &ApiDocs::asset)},
  };
  // clang-format on
}

}  // namespace switchyard::api
