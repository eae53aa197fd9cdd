// Identity (xcore accounts and administration, IMAS tokens, API keys).
#include "routes/route_parts.hpp"

#include "handlers/identity/accounts.hpp"
#include "handlers/identity/api_keys.hpp"
#include "handlers/identity/auth_tokens.hpp"
#include "handlers/identity/roles.hpp"
#include "handlers/identity/users.hpp"

namespace switchyard::api {

std::vector<RouteSpec> identity_routes(const RouteOptions& /*options*/) {
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/auth/register",                        public_route(),                 kAuth, CALL(accounts, register_user)},
      {Method::Post,   "/auth/login",                           public_route(),                 kAuth, CALL(accounts, login)},
      {Method::Get,    "/auth/me",                              authenticated(),                kStd,  CALL(accounts, me)},
      {Method::Post,   "/auth/refresh",                         authenticated(),                kStd,  CALL(accounts, refresh)},
      {Method::Post,   "/auth/change-password",                 authenticated(),                kAuth, CALL(accounts, change_password)},
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
  };
  // clang-format on
}

}  // namespace switchyard::api
