#include "identity/identity_api.hpp"

#include "identity/identity_cache.hpp"
#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

OpenapiFragment IdentityApi::openapi() { return {kName, embedded::kIdentityOpenapi}; }

IdentityApi::IdentityApi(ModuleContext& context)
    : writer_(context.awaited_writer(
          {.redact_payload = true,
           .before_answer = [&identity = context.identity] { identity.refresh_now(); }})),
      accounts_(writer_, context.identity, context.blocking, context.pool, context.jwt,
                context.login_throttle,
                {context.settings.registration_enabled, context.settings.jwt_refresh_max_age}),
      auth_tokens_(writer_, context.blocking, context.pool, context.login_throttle),
      roles_(writer_, context.pool, context.identity),
      users_(writer_, context.pool, context.identity),
      api_keys_(writer_, context.pool, context.identity) {}

std::vector<RouteRow<IdentityApi>> IdentityApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kAuth = RateClass::kAuth;
  constexpr auto kStd = RateClass::kStandard;
  constexpr auto kImas = ErrorStyle::kImas;
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/auth/register",                        public_route(),                 kAuth, ROUTE_TO(accounts_, register_user)},
      {Method::Post,   "/auth/login",                           public_route(),                 kAuth, ROUTE_TO(accounts_, login)},
      {Method::Get,    "/auth/me",                              authenticated(),                kStd,  ROUTE_TO(accounts_, me)},
      {Method::Post,   "/auth/refresh",                         authenticated(),                kStd,  ROUTE_TO(accounts_, refresh)},
      {Method::Post,   "/auth/change-password",                 authenticated(),                kAuth, ROUTE_TO(accounts_, change_password)},
      {Method::Get,    "/admin/roles",                          needs("roles:read"),            kStd,  ROUTE_TO(roles_, list)},
      {Method::Post,   "/admin/roles",                          needs("roles:write"),           kStd,  ROUTE_TO(roles_, create)},
      {Method::Get,    "/admin/roles/:role_id",                 needs("roles:read"),            kStd,  ROUTE_TO(roles_, get)},
      {Method::Put,    "/admin/roles/:role_id",                 needs("roles:write"),           kStd,  ROUTE_TO(roles_, update)},
      {Method::Delete, "/admin/roles/:role_id",                 needs("roles:write"),           kStd,  ROUTE_TO(roles_, remove)},
      {Method::Get,    "/admin/permissions",                    needs("permissions:read"),      kStd,  ROUTE_TO(roles_, list_permissions)},
      {Method::Post,   "/admin/permissions",                    needs("permissions:write"),     kStd,  ROUTE_TO(roles_, create_permission)},
      {Method::Get,    "/admin/users",                          needs("users:read"),            kStd,  ROUTE_TO(users_, list)},
      {Method::Post,   "/admin/users/:user_id/roles/:role_id",  needs("users:write"),           kStd,  ROUTE_TO(users_, assign_role)},
      {Method::Delete, "/admin/users/:user_id/roles/:role_id",  needs("users:write"),           kStd,  ROUTE_TO(users_, remove_role)},
      {Method::Post,   "/admin/users/:user_id/activate",        needs("users:write"),           kStd,  ROUTE_TO(users_, activate)},
      {Method::Post,   "/admin/users/:user_id/deactivate",      needs("users:write"),           kStd,  ROUTE_TO(users_, deactivate)},
      {Method::Get,    "/admin/api-keys",                       needs("api_keys:read"),         kStd,  ROUTE_TO(api_keys_, list)},
      {Method::Post,   "/admin/api-keys",                       needs("api_keys:write"),        kStd,  ROUTE_TO(api_keys_, create)},
      {Method::Delete, "/admin/api-keys/:key_id",               needs("api_keys:write"),        kStd,  ROUTE_TO(api_keys_, revoke)},
      {Method::Post,   "/api/auth/token/",                      public_route(),                 kAuth, ROUTE_TO(auth_tokens_, create), kImas},
      {Method::Post,   "/api/auth/token/revoke/",               authenticated(),                kStd,  ROUTE_TO(auth_tokens_, revoke), kImas},
      {Method::Get,    "/api/auth/token/verify/",               authenticated(),                kStd,  ROUTE_TO(auth_tokens_, verify), kImas},
  };
  // clang-format on
}

}  // namespace switchyard::api
