#pragma once
// Authenticates `Authorization: Bearer <api key>` against clients.yaml (digests,
// constant-time comparison). Provisional: the full identity layer (JWT, tokens,
// roles) replaces it in issue #4.
#include <pistache/http.h>

#include "config/clients_config.hpp"

namespace switchyard::api {

class ApiKeyGuard {
 public:
  explicit ApiKeyGuard(const config::ClientsConfig& clients) : clients_(clients) {}

  // The caller's key; throws AppError(kUnauthorized) when missing or unknown, and
  // AppError(kForbidden) when `admin_only` and the key is a client key.
  const config::ApiKey& authenticate(const Pistache::Http::Request& request, bool admin_only) const;

 private:
  const config::ClientsConfig& clients_;
};

}  // namespace switchyard::api
