#include "middleware/cors.hpp"

namespace switchyard::api {

Cors::Cors(const std::string& allowed_origins) {
  std::size_t start = 0;
  while (start <= allowed_origins.size()) {
    const auto comma = allowed_origins.find(',', start);
    std::string origin = allowed_origins.substr(start, comma - start);
    origin.erase(0, origin.find_first_not_of(' '));
    origin.erase(origin.find_last_not_of(' ') + 1);
    if (origin == "*") {
      any_ = true;
    } else if (!origin.empty()) {
      origins_.push_back(origin);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

bool Cors::allows(const std::string& origin) const {
  if (any_) return true;
  for (const auto& allowed : origins_) {
    if (allowed == origin) return true;
  }
  return false;
}

void Cors::decorate(const std::optional<std::string>& origin, Responder& responder) const {
  if (!origin || !allows(*origin)) return;
  responder.add_header("Access-Control-Allow-Origin", any_ ? "*" : *origin);
  if (!any_) responder.add_header("Vary", "Origin");
  responder.add_header("Access-Control-Expose-Headers",
                       "X-Request-ID, X-RateLimit-Limit, X-RateLimit-Remaining, "
                       "X-RateLimit-Reset, Location, Retry-After");
}

bool Cors::answer_preflight(const std::optional<std::string>& origin, Responder& responder) const {
  if (!enabled() || !origin || !allows(*origin)) return false;
  decorate(origin, responder);
  responder.add_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
  responder.add_header("Access-Control-Allow-Headers",
                       "Authorization, Content-Type, Idempotency-Key, Prefer, X-Request-ID");
  responder.add_header("Access-Control-Max-Age", "600");
  responder.send(Pistache::Http::Code::No_Content, "", "text/plain");
  return true;
}

}  // namespace switchyard::api
