// The callback signature (security/callback_signature.hpp) against a value
// computed outside this code: printf '1700000000.{"id":"x"}' |
//   openssl dgst -sha256 -hmac 'a secret of some length'
#include "security/callback_signature.hpp"

#include <gtest/gtest.h>

namespace switchyard::security {
namespace {

TEST(CallbackSignature, IsTheHmacSha256OfTimestampDotBodyInHex) {
  EXPECT_EQ(callback_signature("a secret of some length", "1700000000", R"({"id":"x"})"),
            "sha256=c66fa952f80cc32dab28c40ad8063c7c1be634efff7001a4bd8baa1fe3ebb043");
}

}  // namespace
}  // namespace switchyard::security
