// Argon2id password hashes (common/security/password_hash.hpp): round trip, salted, malformed
// hashes refused without throwing, and rehash reported for weaker or foreign hashes.
#include "security/password_hash.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace switchyard::security {
namespace {

// An encoded hash made directly with libsodium, for parameters hash_password never uses.
std::string sodium_hash(std::string_view password, unsigned long long opslimit,
                        std::size_t memlimit, int alg) {
  EXPECT_GE(sodium_init(), 0);
  char encoded[crypto_pwhash_STRBYTES];
  EXPECT_EQ(
      crypto_pwhash_str_alg(encoded, password.data(), password.size(), opslimit, memlimit, alg), 0);
  return encoded;
}

TEST(PasswordHash, VerifiesTheHashedPassword) {
  const std::string hash = hash_password("correct horse battery staple");
  EXPECT_TRUE(verify_password(hash, "correct horse battery staple"));
}

TEST(PasswordHash, RefusesAnotherPassword) {
  const std::string hash = hash_password("correct horse battery staple");
  EXPECT_FALSE(verify_password(hash, "correct horse battery stapl"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(PasswordHash, IsArgon2idEncoded) {
  EXPECT_EQ(hash_password("secret").rfind("$argon2id$", 0), 0u);
}

TEST(PasswordHash, SaltsEachHash) {
  EXPECT_NE(hash_password("same password"), hash_password("same password"));
}

TEST(PasswordHash, HashesTheEmptyPassword) {
  const std::string hash = hash_password(std::string_view());
  EXPECT_TRUE(verify_password(hash, std::string_view()));
  EXPECT_FALSE(verify_password(hash, "x"));
}

TEST(PasswordHash, MalformedHashIsFalseNotAnException) {
  const std::string hash = hash_password("secret");
  for (const std::string& bad :
       {std::string(), std::string("not a hash"), std::string("$argon2id$v=19$m=65536,t=2,p=1$"),
        hash.substr(0, hash.size() - 1), hash + std::string(1, '\0') + "x", std::string(300, 'a'),
        "$2b$12$" + std::string(53, 'a')}) {
    EXPECT_NO_THROW(EXPECT_FALSE(verify_password(bad, "secret")) << bad);
  }
}

TEST(PasswordHash, FreshHashNeedsNoRehash) {
  EXPECT_FALSE(password_needs_rehash(hash_password("secret")));
}

TEST(PasswordHash, WeakerOrForeignHashNeedsRehash) {
  const std::string weaker =
      sodium_hash("secret", crypto_pwhash_argon2id_OPSLIMIT_MIN,
                  crypto_pwhash_argon2id_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13);
  EXPECT_TRUE(verify_password(weaker, "secret"));
  EXPECT_TRUE(password_needs_rehash(weaker));

  const std::string argon2i =
      sodium_hash("secret", crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
                  crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2I13);
  EXPECT_TRUE(verify_password(argon2i, "secret"));
  EXPECT_TRUE(password_needs_rehash(argon2i));

  EXPECT_TRUE(password_needs_rehash("not a hash"));
}

TEST(PasswordHash, BurnVerifyTimeRunsForAnyPassword) {
  EXPECT_NO_THROW(burn_verify_time("whatever"));
  EXPECT_NO_THROW(burn_verify_time(""));
}

}  // namespace
}  // namespace switchyard::security
