#pragma once
// AccessControl: the checks every request passes before its handler, in order —
// authenticate (Authenticator), authorize (the route's Access), rate-limit (the
// route's RateClass against clients.yaml's limits, for the whole deployment via
// RateLimiter's peer count). Answers the documented 401, 403 and 429; adds the
// X-RateLimit-* headers to the response.
//
// Failed credentials count against the `unauthenticated` limit of the client IP,
// so guessing keys or tokens is slowed down like everything else. The client IP
// is the one TrustedProxies finds (X-Forwarded-For from TRUSTED_PROXIES only);
// per-IP limits count an IPv6 client by its /64.
//
// On a route opened to anonymous callers (Access::opened, TRACKER_ANONYMOUS), a
// caller without credentials must come from `anonymous_from` when that is set
// (else 401, as if the route were closed), and its writes count against the
// `anonymous_writes` limit of its IP.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config/clients_config.hpp"
#include "http/responder.hpp"
#include "identity/authenticator.hpp"
#include "middleware/rate_limiter.hpp"
#include "middleware/trusted_proxies.hpp"
#include "net/cidr.hpp"
#include "route.hpp"

namespace switchyard::api {

// What access control reads of a call, whatever its door (a REST request, a
// gRPC call).
struct CallerFacts {
  std::optional<std::string_view> authorization;  // the Authorization value, if any
  std::function<net::IpAddress()> client;         // its client's address, asked for when needed
};

// Where the X-RateLimit-* values go: response headers, or gRPC initial metadata.
using HeaderSink = std::function<void(std::string name, std::string value)>;

class AccessControl {
 public:
  AccessControl(const Authenticator& authenticator, RateLimiter& limiter,
                const config::RateLimits& limits, const TrustedProxies& proxies,
                net::CidrList anonymous_from)
      : authenticator_(authenticator),
        limiter_(limiter),
        limits_(limits),
        proxies_(proxies),
        anonymous_from_(std::move(anonymous_from)) {}

  // The caller (nullopt on a public route without credentials); throws AppError
  // (401, 403, 429) when the request may not reach the handler.
  std::optional<Principal> admit(const Route& route, const Pistache::Http::Request& request,
                                 Responder& responder) const;
  // The same for a call of another door, allowed as `access` and limited as `rate`.
  std::optional<Principal> admit(const Access& access, RateClass rate, const CallerFacts& caller,
                                 const HeaderSink& headers) const;

  // The client of a call that came from `peer` (TrustedProxies).
  net::IpAddress client_of(const net::IpAddress& peer,
                           std::optional<std::string_view> forwarded_for) const {
    return proxies_.client_of(peer, forwarded_for);
  }

  // Counts one failed authentication of `request`'s client outside admit (a bad
  // key in a badge URL); `allowed` is false once the client is past its
  // `unauthenticated` limit.
  RateDecision count_failed_credentials(const Pistache::Http::Request& request) const;

  // Counts one request of webhook source `source` (api/alerts) against the
  // `webhooks` limit of that source, once the route has checked the source's
  // secret; throws the 429. admit() leaves RateClass::kWebhook routes alone: their
  // Authorization carries a source's secret, no platform credential.
  void limit_webhook_source(std::string_view source, const HeaderSink& headers) const;

 private:
  void limit(const RateLimit& limit, const std::string& key, std::int64_t now,
             const HeaderSink& headers) const;
  // The per-IP rate-limit key of the request's client.
  std::string client_key(const net::IpAddress& client) const;

  const Authenticator& authenticator_;
  RateLimiter& limiter_;
  const config::RateLimits& limits_;
  const TrustedProxies& proxies_;
  net::CidrList anonymous_from_;
};

}  // namespace switchyard::api
