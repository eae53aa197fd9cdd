#pragma once
// Access tokens are HS256 JSON Web Tokens signed with a server secret, so any process holding the
// secret checks one without a database round trip. Verification accepts HS256 only, whatever the
// token's header asks for: letting the header pick the algorithm ("none", or another HMAC under
// the same secret) is the classic way JWTs get forged.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::security {

// The claims of a verified access token. Times are seconds since the Unix epoch.
struct AccessClaims {
  std::string subject;          // "sub": the user id as decimal text
  std::string token_id;         // "jti": random, names this token in a revocation list
  std::int64_t issued_at = 0;   // "iat"
  std::int64_t expires_at = 0;  // "exp": the token is refused from this second on
  std::string issuer;           // "iss"
  // "auth_time" (OpenID Connect's name): when the user signed in with a password;
  // a refreshed token keeps its sign-in's. iat for tokens issued without it.
  std::int64_t auth_time = 0;
};

enum class JwtError { kMalformed, kBadSignature, kWrongAlgorithm, kExpired, kWrongIssuer };

// A short human message for logs and 401 bodies, e.g. "the token has expired".
std::string_view describe(JwtError error);

// The claims of a valid token, or why the token was refused.
struct VerifyResult {
  std::optional<AccessClaims> claims;
  JwtError error = JwtError::kMalformed;  // meaningful only when claims is empty
};

// Immutable once built, and every call works on its own libjwt objects, so one codec serves
// all threads at once.
class JwtCodec {
 public:
  // Throws std::invalid_argument when secret is shorter than 32 bytes (an HS256 key shorter than
  // the hash weakens it, RFC 7518 section 3.2) or lifetime is not positive.
  JwtCodec(std::string secret, std::string issuer, std::chrono::seconds lifetime);

  // A compact JWS for subject, issued at now_epoch and expiring lifetime() later, with claims
  // sub, jti, iat, exp, iss, typ "access" and auth_time (`auth_time`, else now_epoch: a fresh
  // sign-in). Throws std::invalid_argument for an empty subject or one holding a NUL,
  // std::runtime_error when libjwt fails (out of memory).
  std::string issue(std::string_view subject, std::int64_t now_epoch,
                    std::optional<std::int64_t> auth_time = std::nullopt) const;

  // The claims when token is an HS256 access token signed with this secret, from this issuer,
  // and not expired at now_epoch; otherwise the reason it is refused.
  VerifyResult verify(std::string_view token, std::int64_t now_epoch) const;

  std::chrono::seconds lifetime() const;

 private:
  std::string secret_;
  std::string issuer_;
  std::chrono::seconds lifetime_;
};

}  // namespace switchyard::security
