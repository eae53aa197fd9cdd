#pragma once
// AccessControl: the checks every request passes before its handler, in order —
// authenticate (Authenticator), authorize (the route's Access), rate-limit (the
// route's RateClass against clients.yaml's limits, for the whole deployment via
// RateLimiter's peer count). Answers the documented 401, 403 and 429; adds the
// X-RateLimit-* headers to the response.
//
// Failed credentials count against the `unauthenticated` limit of the client IP,
// so guessing keys or tokens is slowed down like everything else.
#include <cstdint>
#include <optional>
#include <string>

#include "config/clients_config.hpp"
#include "http/responder.hpp"
#include "identity/authenticator.hpp"
#include "middleware/rate_limiter.hpp"
#include "routes.hpp"

namespace switchyard::api {

class AccessControl {
 public:
  AccessControl(const Authenticator& authenticator, RateLimiter& limiter,
                const config::RateLimits& limits)
      : authenticator_(authenticator), limiter_(limiter), limits_(limits) {}

  // The caller (nullopt on a public route without credentials); throws AppError
  // (401, 403, 429) when the request may not reach the handler.
  std::optional<Principal> admit(const Route& route, const Pistache::Http::Request& request,
                                 Responder& responder) const;

 private:
  void limit(const RateLimit& limit, const std::string& key, std::int64_t now,
             Responder& responder) const;

  const Authenticator& authenticator_;
  RateLimiter& limiter_;
  const config::RateLimits& limits_;
};

}  // namespace switchyard::api
