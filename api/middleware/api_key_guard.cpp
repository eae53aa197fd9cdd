#include "middleware/api_key_guard.hpp"

#include "errors/app_error.hpp"

namespace switchyard::api {

namespace Http = Pistache::Http;

const config::ApiKey& ApiKeyGuard::authenticate(const Http::Request& request,
                                                bool admin_only) const {
  const auto header = request.headers().tryGet<Http::Header::Authorization>();
  constexpr std::string_view kBearer = "Bearer ";
  if (!header) {
    throw AppError(ErrorCode::kUnauthorized,
                   "Missing credentials: send Authorization: Bearer <key>");
  }
  const std::string value = header->value();
  if (value.size() <= kBearer.size() || value.compare(0, kBearer.size(), kBearer) != 0) {
    throw AppError(ErrorCode::kUnauthorized, "Unsupported Authorization scheme: use Bearer <key>");
  }
  const config::ApiKey* key = clients_.authenticate(std::string_view(value).substr(kBearer.size()));
  if (key == nullptr) throw AppError(ErrorCode::kUnauthorized, "Invalid API key");
  if (admin_only && key->role != config::KeyRole::kAdmin) {
    throw AppError(ErrorCode::kForbidden, "This endpoint needs an admin key");
  }
  return *key;
}

}  // namespace switchyard::api
