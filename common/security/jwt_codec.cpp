#include "security/jwt_codec.hpp"

#include <jwt.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "security/random_token.hpp"

namespace switchyard::security {
namespace {

static_assert(sizeof(long) == sizeof(std::int64_t), "libjwt keeps integer claims in a long");

constexpr std::size_t kMinSecretBytes = 32;
constexpr std::size_t kTokenIdBytes = 16;
constexpr std::string_view kAccessType = "access";

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

// jwt_encode_str and jwt_get_grants_json return malloc'd strings the caller frees.
struct CFree {
  void operator()(char* text) const { std::free(text); }
};
using CString = std::unique_ptr<char, CFree>;

VerifyResult refuse(JwtError error) { return VerifyResult{std::nullopt, error}; }

// RFC 7515 algorithm names are case-sensitive, but libjwt also takes "hs256" and the like.
bool header_names_hs256(jwt_t* jwt) {
  const char* alg = jwt_get_header(jwt, "alg");
  return alg != nullptr && std::string_view(alg) == "HS256";
}

// jwt_decode answers EINVAL to every refusal. Decoding again without a key, which skips the
// signature check, tells apart a token libjwt cannot parse, one whose header names another
// algorithm, and one whose signature is wrong. Without a key libjwt reports every token as
// JWT_ALG_NONE, hence reading the header.
JwtError why_refused(const std::string& token) {
  jwt_t* raw = nullptr;
  const int status = jwt_decode(&raw, token.c_str(), nullptr, 0);
  const JwtPtr unverified(raw);
  if (status != 0) return JwtError::kMalformed;
  if (!header_names_hs256(unverified.get())) return JwtError::kWrongAlgorithm;
  return JwtError::kBadSignature;
}

// Nullopt when the claim is missing, not a JSON string, or empty.
std::optional<std::string> string_claim(jwt_t* jwt, const char* name) {
  const char* value = jwt_get_grant(jwt, name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// Nullopt when the claim is missing or not a JSON integer. jwt_get_grant_int cannot tell: it
// answers 0 without an error for strings, booleans and fractions, so parse the claim's JSON text.
std::optional<std::int64_t> integer_claim(jwt_t* jwt, const char* name) {
  const CString json(jwt_get_grants_json(jwt, name));
  if (!json) return std::nullopt;
  const std::string_view text(json.get());
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view describe(JwtError error) {
  switch (error) {
    case JwtError::kMalformed:
      return "the token is malformed";
    case JwtError::kBadSignature:
      return "the token signature is invalid";
    case JwtError::kWrongAlgorithm:
      return "the token is not signed with HS256";
    case JwtError::kExpired:
      return "the token has expired";
    case JwtError::kWrongIssuer:
      return "the token comes from another issuer";
  }
  return "the token was refused";  // a value outside the enumeration
}

JwtCodec::JwtCodec(std::string secret, std::string issuer, std::chrono::seconds lifetime)
    : secret_(std::move(secret)), issuer_(std::move(issuer)), lifetime_(lifetime) {
  if (secret_.size() < kMinSecretBytes) {
    throw std::invalid_argument("the JWT secret must be at least 32 bytes");
  }
  if (lifetime_ <= std::chrono::seconds::zero()) {
    throw std::invalid_argument("the JWT lifetime must be positive");
  }
}

std::string JwtCodec::issue(std::string_view subject, std::int64_t now_epoch,
                            std::optional<std::int64_t> auth_time) const {
  // libjwt takes C strings: a NUL would silently cut the subject short.
  if (subject.empty() || subject.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("a token subject must be non-empty and without NUL");
  }
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("libjwt could not create a token");
  const JwtPtr jwt(raw);
  const std::string sub(subject);
  const std::string token_id = random_hex_token(kTokenIdBytes);
  const std::string type(kAccessType);
  const bool built =
      jwt_add_grant(jwt.get(), "sub", sub.c_str()) == 0 &&
      jwt_add_grant(jwt.get(), "jti", token_id.c_str()) == 0 &&
      jwt_add_grant_int(jwt.get(), "iat", now_epoch) == 0 &&
      jwt_add_grant_int(jwt.get(), "exp", now_epoch + lifetime_.count()) == 0 &&
      jwt_add_grant(jwt.get(), "iss", issuer_.c_str()) == 0 &&
      jwt_add_grant(jwt.get(), "typ", type.c_str()) == 0 &&
      jwt_add_grant_int(jwt.get(), "auth_time", auth_time.value_or(now_epoch)) == 0 &&
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret_.data()),
                  static_cast<int>(secret_.size())) == 0;
  if (!built) throw std::runtime_error("libjwt could not build a token");
  const CString token(jwt_encode_str(jwt.get()));
  if (!token) throw std::runtime_error("libjwt could not sign a token");
  return token.get();
}

VerifyResult JwtCodec::verify(std::string_view token, std::int64_t now_epoch) const {
  // libjwt reads a C string: after a NUL it would check only the part before.
  if (token.empty() || token.find('\0') != std::string_view::npos) {
    return refuse(JwtError::kMalformed);
  }
  const std::string text(token);
  jwt_t* raw = nullptr;
  const int status =
      jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(secret_.data()),
                 static_cast<int>(secret_.size()));
  const JwtPtr jwt(raw);
  if (status != 0) return refuse(why_refused(text));
  // jwt_decode checks the signature with whichever HMAC the header names, so an HS384 or HS512
  // token made with this secret gets this far.
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256 || !header_names_hs256(jwt.get())) {
    return refuse(JwtError::kWrongAlgorithm);
  }

  auto subject = string_claim(jwt.get(), "sub");
  auto token_id = string_claim(jwt.get(), "jti");
  auto issuer = string_claim(jwt.get(), "iss");
  const auto type = string_claim(jwt.get(), "typ");
  const auto issued_at = integer_claim(jwt.get(), "iat");
  const auto expires_at = integer_claim(jwt.get(), "exp");
  const auto auth_time = integer_claim(jwt.get(), "auth_time");
  // typ keeps any other kind of token signed with this secret from passing as an access token.
  if (!subject || !token_id || !issuer || !issued_at || !expires_at || type != kAccessType) {
    return refuse(JwtError::kMalformed);
  }
  if (*issuer != issuer_) return refuse(JwtError::kWrongIssuer);
  if (now_epoch >= *expires_at) return refuse(JwtError::kExpired);
  VerifyResult accepted;
  accepted.claims =
      AccessClaims{std::move(*subject), std::move(*token_id), *issued_at,
                   *expires_at,         std::move(*issuer),   auth_time.value_or(*issued_at)};
  return accepted;
}

std::chrono::seconds JwtCodec::lifetime() const { return lifetime_; }

}  // namespace switchyard::security
