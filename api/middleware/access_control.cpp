#include "middleware/access_control.hpp"

#include <chrono>

namespace switchyard::api {
namespace {

RateLimit rate_limit(const char* name, const config::RateLimitSetting& setting) {
  return {name, setting.requests, setting.period};
}

std::string client_ip(const Pistache::Http::Request& request) {
  return "ip:" + request.address().host();
}

}  // namespace

void AccessControl::limit(const RateLimit& limit, const std::string& key, std::int64_t now,
                          Responder& responder) const {
  if (limit.requests == 0) return;
  const RateDecision decision = limiter_.check(limit, key, now);
  responder.add_header("X-RateLimit-Limit", std::to_string(decision.limit));
  responder.add_header("X-RateLimit-Remaining", std::to_string(decision.remaining));
  responder.add_header("X-RateLimit-Reset", std::to_string(decision.reset_epoch));
  if (!decision.allowed) {
    throw AppError(ErrorCode::kRateLimited, "Rate limit exceeded")
        .with_retry_after(decision.retry_after_s);
  }
}

std::optional<Principal> AccessControl::admit(const Route& route,
                                              const Pistache::Http::Request& request,
                                              Responder& responder) const {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  std::optional<Principal> principal;
  try {
    principal = authenticator_.authenticate(request, now);
  } catch (const AppError&) {
    limit(rate_limit("unauthenticated", limits_.unauthenticated), client_ip(request), now,
          responder);
    // A public route answers anyway: stale credentials must not block a sign-in.
    if (route.access.kind != Access::Kind::kPublic) throw;
  }

  if (route.access.kind != Access::Kind::kPublic && !principal) {
    limit(rate_limit("unauthenticated", limits_.unauthenticated), client_ip(request), now,
          responder);
    throw AppError(ErrorCode::kUnauthorized, "Authentication credentials were not provided");
  }
  if (route.access.kind == Access::Kind::kPermission && !principal->has(route.access.permission)) {
    throw AppError(ErrorCode::kForbidden,
                   "You do not have permission to perform this action (needs " +
                       route.access.permission + ")");
  }

  switch (route.rate) {
    case RateClass::kNone:
      break;
    case RateClass::kAuth:
      limit(rate_limit("auth", limits_.auth), client_ip(request), now, responder);
      break;
    case RateClass::kWebhook:
      limit(rate_limit("webhooks", limits_.webhooks), client_ip(request), now, responder);
      break;
    case RateClass::kStandard:
      if (principal && !principal->unlimited) {
        if (principal->admin) {
          limit(rate_limit("admin", limits_.admin), principal->name, now, responder);
        } else {
          limit(rate_limit("standard", limits_.standard), principal->name, now, responder);
        }
      }
      break;
  }
  return principal;
}

}  // namespace switchyard::api
