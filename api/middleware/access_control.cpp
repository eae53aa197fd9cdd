#include "middleware/access_control.hpp"

#include <chrono>

namespace switchyard::api {
namespace {

RateLimit rate_limit(const char* name, const config::RateLimitSetting& setting) {
  return {name, setting.requests, setting.period};
}

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string AccessControl::client_key(const net::IpAddress& client) const {
  return "ip:" + client.rate_limit_key();
}

RateDecision AccessControl::count_failed_credentials(const Pistache::Http::Request& request) const {
  return limiter_.check(rate_limit("unauthenticated", limits_.unauthenticated),
                        client_key(proxies_.client_of(request)), now_epoch());
}

void AccessControl::limit(const RateLimit& limit, const std::string& key, std::int64_t now,
                          const HeaderSink& headers) const {
  if (limit.requests == 0) return;
  const RateDecision decision = limiter_.check(limit, key, now);
  headers("X-RateLimit-Limit", std::to_string(decision.limit));
  headers("X-RateLimit-Remaining", std::to_string(decision.remaining));
  headers("X-RateLimit-Reset", std::to_string(decision.reset_epoch));
  if (!decision.allowed) {
    throw AppError(ErrorCode::kRateLimited, "Rate limit exceeded")
        .with_retry_after(decision.retry_after_s);
  }
}

void AccessControl::limit_webhook_source(std::string_view source, const HeaderSink& headers) const {
  limit(rate_limit("webhooks", limits_.webhooks), "source:" + std::string(source), now_epoch(),
        headers);
}

std::optional<Principal> AccessControl::admit(const Route& route,
                                              const Pistache::Http::Request& request,
                                              Responder& responder) const {
  // Pistache parses Authorization into its typed header (tryGetRaw finds nothing).
  const auto typed = request.headers().tryGet<Pistache::Http::Header::Authorization>();
  const std::string authorization = typed ? typed->value() : std::string();
  const CallerFacts caller{typed ? std::optional<std::string_view>(authorization) : std::nullopt,
                           [&] { return proxies_.client_of(request); }};
  return admit(route.access, route.rate, caller, [&](std::string name, std::string value) {
    responder.add_header(std::move(name), std::move(value));
  });
}

std::optional<Principal> AccessControl::admit(const Access& access, RateClass rate,
                                              const CallerFacts& caller,
                                              const HeaderSink& headers) const {
  // A webhook authenticates its source itself (a shared secret, not a platform
  // credential) and counts per source: limit_webhook_source.
  if (rate == RateClass::kWebhook) return std::nullopt;
  const std::int64_t now = now_epoch();
  // Resolved on first use only: most requests carry valid credentials to a route
  // without a per-IP limit.
  std::optional<std::string> ip_key;
  std::optional<net::IpAddress> client;
  auto client_address = [&]() -> const net::IpAddress& {
    if (!client) client = caller.client();
    return *client;
  };
  auto client_ip = [&]() -> const std::string& {
    if (!ip_key) ip_key = client_key(client_address());
    return *ip_key;
  };
  std::optional<Principal> principal;
  try {
    principal = authenticator_.authenticate(caller.authorization, now);
  } catch (const AppError&) {
    limit(rate_limit("unauthenticated", limits_.unauthenticated), client_ip(), now, headers);
    // A public route answers anyway: stale credentials must not block a sign-in.
    if (access.kind != Access::Kind::kPublic) throw;
  }

  if (access.kind != Access::Kind::kPublic && !principal) {
    limit(rate_limit("unauthenticated", limits_.unauthenticated), client_ip(), now, headers);
    throw AppError(ErrorCode::kUnauthorized, "Authentication credentials were not provided");
  }
  // On an opened route, a caller without the route's permission (or without
  // credentials) is an anonymous caller: from the named networks only, and its
  // writes count against its IP.
  if (access.opened != Access::Opened::kNo && (!principal || !principal->has(access.permission))) {
    if (!anonymous_from_.empty() && !anonymous_from_.contains(client_address())) {
      if (principal) {
        throw AppError(
            ErrorCode::kForbidden,
            "You do not have permission to perform this action (needs " + access.permission + ")");
      }
      limit(rate_limit("unauthenticated", limits_.unauthenticated), client_ip(), now, headers);
      throw AppError(ErrorCode::kUnauthorized, "Authentication credentials were not provided");
    }
    if (access.opened == Access::Opened::kWrite) {
      limit(rate_limit("anonymous_writes", limits_.anonymous_writes), client_ip(), now, headers);
    }
  }
  if (access.kind == Access::Kind::kPermission && !principal->has(access.permission)) {
    throw AppError(
        ErrorCode::kForbidden,
        "You do not have permission to perform this action (needs " + access.permission + ")");
  }

  switch (rate) {
    case RateClass::kNone:
      break;
    case RateClass::kAuth:
      limit(rate_limit("auth", limits_.auth), client_ip(), now, headers);
      break;
    case RateClass::kWebhook:  // returned above
      break;
    case RateClass::kStandard:
      if (principal && !principal->unlimited) {
        if (principal->admin) {
          limit(rate_limit("admin", limits_.admin), principal->name, now, headers);
        } else {
          limit(rate_limit("standard", limits_.standard), principal->name, now, headers);
        }
      }
      break;
  }
  return principal;
}

}  // namespace switchyard::api
