#pragma once
// Authenticator: turns a request's credentials into a Principal, from memory
// (IdentityCache) — no database round trip, so authenticated writes keep being
// accepted while PostgreSQL is down. Every documented form is accepted:
//   Authorization: Bearer <JWT>       (xcore accounts; HS256, expiry checked)
//   Authorization: Bearer <API key>   (clients.yaml or the admin API)
//   Authorization: Token <token>      (IMAS personal tokens)
// and a bare API key (the badge URL). Keys and tokens are looked up by their
// SHA-256, so neither the stores nor a timing probe reveal them.
#include <pistache/http.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "identity/identity_cache.hpp"
#include "identity/principal.hpp"
#include "security/jwt_codec.hpp"

namespace switchyard::api {

class Authenticator {
 public:
  Authenticator(const IdentityCache& cache, const security::JwtCodec& jwt)
      : cache_(cache), jwt_(jwt) {}

  // nullopt when the request carries no credentials; throws AppError(kUnauthorized)
  // for credentials that are malformed, unknown, expired, revoked or disabled.
  std::optional<Principal> authenticate(const Pistache::Http::Request& request,
                                        std::int64_t now_epoch) const;
  // The same from the Authorization value (a REST header, gRPC call metadata);
  // nullopt when there is none.
  std::optional<Principal> authenticate(std::optional<std::string_view> authorization,
                                        std::int64_t now_epoch) const;

  // The principal of an API key, or nullopt.
  std::optional<Principal> from_api_key(std::string_view key) const;

  const security::JwtCodec& jwt() const { return jwt_; }

 private:
  Principal from_jwt(std::string_view token, std::int64_t now_epoch) const;
  Principal from_token(std::string_view token) const;
  // A user's principal from the snapshot; throws 401 when unknown or inactive, or
  // for an access token (`issued_at`, epoch seconds) older than the user's last
  // password change.
  static Principal user_principal(const storage::identity::IdentitySnapshot& snapshot,
                                  std::int64_t user_id,
                                  std::optional<std::int64_t> issued_at = std::nullopt);

  const IdentityCache& cache_;
  const security::JwtCodec& jwt_;
};

}  // namespace switchyard::api
