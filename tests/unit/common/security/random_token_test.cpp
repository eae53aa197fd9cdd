// Random hex tokens (common/security/random_token.hpp): the promised length, lowercase hex only,
// and a fresh value each call.
#include "security/random_token.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace switchyard::security {
namespace {

TEST(RandomHexToken, HasTwoHexCharactersPerByte) {
  EXPECT_EQ(random_hex_token(20).size(), 40u);
  EXPECT_EQ(random_hex_token(16).size(), 32u);
  EXPECT_EQ(random_hex_token(1).size(), 2u);
}

TEST(RandomHexToken, IsLowercaseHexOnly) {
  const std::string token = random_hex_token(64);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
}

TEST(RandomHexToken, DiffersEachCall) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(random_hex_token(20));
  EXPECT_EQ(seen.size(), 100u);
}

TEST(RandomHexToken, RefusesZeroBytes) { EXPECT_THROW(random_hex_token(0), std::invalid_argument); }

}  // namespace
}  // namespace switchyard::security
