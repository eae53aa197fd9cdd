#include "security/password_hash.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace switchyard::security {
namespace {

// libsodium's interactive profile: about 64 MiB and a few tens of milliseconds, meant for logins.
constexpr unsigned long long kOpsLimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;

// sodium_init must precede the other calls; a function-local static runs it once, even when
// several threads arrive together.
void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

// libsodium reads encoded hashes as NUL-terminated strings of at most crypto_pwhash_STRBYTES.
// False when encoded_hash cannot be one: too long, or with a NUL inside that would make
// libsodium check only a prefix of it.
bool to_c_string(std::string_view encoded_hash, char (&out)[crypto_pwhash_STRBYTES]) {
  if (encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (encoded_hash.find('\0') != std::string_view::npos) return false;
  std::memset(out, 0, sizeof out);
  std::memcpy(out, encoded_hash.data(), encoded_hash.size());
  return true;
}

// libsodium declares the password pointer nonnull, which an empty std::string_view need not be.
const char* non_null(std::string_view password) { return password.empty() ? "" : password.data(); }

}  // namespace

std::string hash_password(std::string_view password) {
  require_sodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, non_null(password), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("Argon2id password hashing failed (out of memory)");
  }
  return encoded;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  require_sodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (!to_c_string(encoded_hash, encoded)) return false;
  return crypto_pwhash_str_verify(encoded, non_null(password), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded_hash) {
  require_sodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (!to_c_string(encoded_hash, encoded)) return true;
  // The Argon2id-specific check also answers "rehash" (-1) for Argon2i and anything else.
  return crypto_pwhash_argon2id_str_needs_rehash(encoded, kOpsLimit, kMemLimit) != 0;
}

void burn_verify_time(std::string_view password) {
  // Hashed at first use rather than written here, so its cost parameters always match those
  // hash_password uses today and the time spent matches a real verification.
  static const std::string stand_in = hash_password("switchyard unknown-user stand-in");
  verify_password(stand_in, password);  // the answer does not matter, only the time spent
}

}  // namespace switchyard::security
