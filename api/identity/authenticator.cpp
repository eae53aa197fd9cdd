#include "identity/authenticator.hpp"

#include <algorithm>
#include <charconv>

#include "domain/grant_rules.hpp"
#include "errors/app_error.hpp"
#include "security/key_digest.hpp"

namespace switchyard::api {
namespace {

AppError unauthorized(std::string message) {
  return AppError(ErrorCode::kUnauthorized, std::move(message));
}

bool looks_like_jwt(std::string_view token) {
  return std::count(token.begin(), token.end(), '.') == 2;
}

// "Bearer abc" → "abc" when the scheme matches (case-insensitive, RFC 7235).
std::optional<std::string_view> credentials_of(std::string_view header, std::string_view scheme) {
  if (header.size() <= scheme.size() || header[scheme.size()] != ' ') return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(scheme[i]))) {
      return std::nullopt;
    }
  }
  std::string_view value = header.substr(scheme.size() + 1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Principal> Authenticator::authenticate(const Pistache::Http::Request& request,
                                                     std::int64_t now_epoch) const {
  // Pistache parses Authorization into its typed header (tryGetRaw finds nothing).
  const auto typed = request.headers().tryGet<Pistache::Http::Header::Authorization>();
  if (!typed) return std::nullopt;
  const std::string value = typed->value();
  return authenticate(std::string_view(value), now_epoch);
}

std::optional<Principal> Authenticator::authenticate(std::optional<std::string_view> authorization,
                                                     std::int64_t now_epoch) const {
  if (!authorization) return std::nullopt;
  const std::string_view header = *authorization;
  if (auto bearer = credentials_of(header, "Bearer")) {
    if (looks_like_jwt(*bearer)) return from_jwt(*bearer, now_epoch);
    if (auto key = from_api_key(*bearer)) return key;
    throw unauthorized("Invalid API key or token");
  }
  if (auto token = credentials_of(header, "Token")) return from_token(*token);
  throw unauthorized("Unsupported Authorization scheme: use Bearer or Token");
}

std::optional<Principal> Authenticator::from_api_key(std::string_view key) const {
  Principal principal;
  principal.kind = Principal::Kind::kApiKey;
  if (const config::ApiKey* file_key = cache_.clients().authenticate(key)) {
    principal.name = file_key->name;
    principal.key_role = file_key->role;
    principal.client = file_key->client;
    principal.unlimited = file_key->unlimited;
  } else {
    const auto snapshot = cache_.snapshot();
    const auto stored = snapshot->api_keys.find(security::sha256_hex(key));
    if (stored == snapshot->api_keys.end()) return std::nullopt;
    principal.name = stored->second.name;
    principal.key_role = stored->second.role;
    principal.client = stored->second.client;
  }
  principal.admin = principal.key_role == config::KeyRole::kAdmin;
  principal.permissions = domain::key_role_permissions(principal.key_role);
  return principal;
}

Principal Authenticator::from_jwt(std::string_view token, std::int64_t now_epoch) const {
  const security::VerifyResult verified = jwt_.verify(token, now_epoch);
  if (!verified.claims) {
    throw unauthorized("Invalid token: " + std::string(security::describe(verified.error)));
  }
  std::int64_t user_id = 0;
  const std::string& subject = verified.claims->subject;
  const auto [end, ec] = std::from_chars(subject.data(), subject.data() + subject.size(), user_id);
  if (ec != std::errc{} || end != subject.data() + subject.size()) {
    throw unauthorized("Invalid token: bad subject");
  }
  Principal principal = user_principal(*cache_.snapshot(), user_id, verified.claims->issued_at);
  principal.signed_in_at = verified.claims->auth_time;
  return principal;
}

Principal Authenticator::from_token(std::string_view token) const {
  const auto snapshot = cache_.snapshot();
  const std::string digest = security::sha256_hex(token);
  const auto found = snapshot->tokens.find(digest);
  if (found == snapshot->tokens.end()) throw unauthorized("Invalid token.");
  Principal principal = user_principal(*snapshot, found->second);
  principal.token_digest = digest;
  return principal;
}

Principal Authenticator::user_principal(const storage::identity::IdentitySnapshot& snapshot,
                                        std::int64_t user_id,
                                        std::optional<std::int64_t> issued_at) {
  const auto user = snapshot.users.find(user_id);
  if (user == snapshot.users.end()) throw unauthorized("Invalid token: unknown user");
  if (!user->second.is_active) throw unauthorized("User inactive or deleted.");
  if (issued_at && *issued_at < user->second.tokens_valid_from) {
    throw unauthorized("Invalid token: issued before the last password change");
  }
  Principal principal;
  principal.kind = Principal::Kind::kUser;
  principal.user_id = user_id;
  principal.username = user->second.username;
  principal.name = "user:" + std::to_string(user_id);
  for (const auto& role : user->second.roles) {
    if (role == "admin") principal.admin = true;
    const auto permissions = snapshot.role_permissions.find(role);
    if (permissions != snapshot.role_permissions.end()) {
      principal.permissions.insert(permissions->second.begin(), permissions->second.end());
    }
  }
  return principal;
}

}  // namespace switchyard::api
