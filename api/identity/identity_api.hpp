#pragma once
// Identity: xcore accounts and administration (users, roles, permissions, API
// keys) and IMAS personal tokens. Writes go through the internal `identity`
// service and are awaited; the identity cache reloads before the answer, so a
// client reads its own write.
#include "identity/accounts.hpp"
#include "identity/api_keys.hpp"
#include "identity/auth_tokens.hpp"
#include "identity/roles.hpp"
#include "identity/users.hpp"
#include "module.hpp"

namespace switchyard::api {

class IdentityApi final : public ApiModuleOf<IdentityApi> {
 public:
  static constexpr std::string_view kName = "identity";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<IdentityApi>> route_rows(const RouteOptions& options);

  explicit IdentityApi(ModuleContext& context);

 private:
  AwaitedWriter writer_;
  Accounts accounts_;
  AuthTokens auth_tokens_;
  Roles roles_;
  Users users_;
  ApiKeys api_keys_;
};

}  // namespace switchyard::api
