// HS256 access tokens (common/security/jwt_codec.hpp): claims survive a round trip; tampered,
// foreign, expired, unsigned and other-algorithm tokens are refused with the right reason.
#include "security/jwt_codec.hpp"

#include <gtest/gtest.h>
#include <jwt.h>
#include <sodium.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace switchyard::security {
namespace {

constexpr std::string_view kSecret = "0123456789abcdef0123456789abcdef-test";
constexpr std::string_view kIssuer = "switchyard-test";
constexpr std::chrono::seconds kLifetime{900};
constexpr std::int64_t kNow = 1'700'000'000;

JwtCodec codec() { return JwtCodec(std::string(kSecret), std::string(kIssuer), kLifetime); }

std::string base64url(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string base64url_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                              text.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  out.resize(length);
  return out;
}

struct CFree {
  void operator()(char* text) const { std::free(text); }
};

struct Parts {
  std::string header, payload, signature;
};

Parts split(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  return {token.substr(0, first), token.substr(first + 1, second - first - 1),
          token.substr(second + 1)};
}

// A token signed by hand with HMAC-SHA256, to build headers and claims the codec never issues.
std::string hand_signed(std::string_view header_json, std::string_view payload_json,
                        std::string_view key = kSecret) {
  EXPECT_GE(sodium_init(), 0);
  const std::string input = base64url(header_json) + "." + base64url(payload_json);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(input.data()),
                                input.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return input + "." + base64url(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

constexpr std::string_view kHs256Header = R"({"alg":"HS256","typ":"JWT"})";

std::string claims_json(std::string_view extra = "") {
  return R"({"sub":"42","jti":"00112233445566778899aabbccddeeff","iat":1700000000,)"
         R"("exp":1700000900,"iss":"switchyard-test")" +
         std::string(extra) + "}";
}

JwtError refusal(const VerifyResult& result) {
  EXPECT_FALSE(result.claims.has_value());
  return result.error;
}

TEST(JwtCodec, RoundTripsTheClaims) {
  const JwtCodec jwt = codec();
  const VerifyResult result = jwt.verify(jwt.issue("42", kNow), kNow);
  ASSERT_TRUE(result.claims.has_value()) << describe(result.error);
  EXPECT_EQ(result.claims->subject, "42");
  EXPECT_EQ(result.claims->token_id.size(), 32u);
  EXPECT_EQ(result.claims->token_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(result.claims->issued_at, kNow);
  EXPECT_EQ(result.claims->expires_at, kNow + 900);
  EXPECT_EQ(result.claims->issuer, kIssuer);
  EXPECT_EQ(jwt.lifetime(), kLifetime);
}

TEST(JwtCodec, WritesTheDocumentedHeaderAndClaims) {
  const Parts parts = split(codec().issue("42", kNow));
  const std::string header = base64url_decode(parts.header);
  EXPECT_NE(header.find(R"("alg":"HS256")"), std::string::npos) << header;
  const std::string payload = base64url_decode(parts.payload);
  for (const char* field : {R"("sub":"42")", R"("iat":1700000000)", R"("exp":1700000900)",
                            R"("iss":"switchyard-test")", R"("typ":"access")", R"("jti":")"}) {
    EXPECT_NE(payload.find(field), std::string::npos) << field << " in " << payload;
  }
}

TEST(JwtCodec, KeepsTheSignInTimeAcrossRefreshes) {
  const JwtCodec jwt = codec();
  const VerifyResult fresh = jwt.verify(jwt.issue("42", kNow), kNow);
  ASSERT_TRUE(fresh.claims.has_value());
  EXPECT_EQ(fresh.claims->auth_time, kNow);  // a sign-in starts its chain
  const VerifyResult refreshed = jwt.verify(jwt.issue("42", kNow + 60, kNow - 3600), kNow + 60);
  ASSERT_TRUE(refreshed.claims.has_value());
  EXPECT_EQ(refreshed.claims->issued_at, kNow + 60);
  EXPECT_EQ(refreshed.claims->auth_time, kNow - 3600);
  EXPECT_NE(base64url_decode(split(jwt.issue("42", kNow)).payload).find(R"("auth_time":)"),
            std::string::npos);
}

TEST(JwtCodec, GivesEachTokenItsOwnId) {
  const JwtCodec jwt = codec();
  const VerifyResult first = jwt.verify(jwt.issue("42", kNow), kNow);
  const VerifyResult second = jwt.verify(jwt.issue("42", kNow), kNow);
  ASSERT_TRUE(first.claims && second.claims);
  EXPECT_NE(first.claims->token_id, second.claims->token_id);
}

TEST(JwtCodec, ExpiresAtExp) {
  const JwtCodec jwt = codec();
  const std::string token = jwt.issue("42", kNow);
  EXPECT_TRUE(jwt.verify(token, kNow + 899).claims.has_value());
  EXPECT_EQ(refusal(jwt.verify(token, kNow + 900)), JwtError::kExpired);
  EXPECT_EQ(refusal(jwt.verify(token, kNow + 100'000)), JwtError::kExpired);
}

TEST(JwtCodec, RefusesATamperedPayload) {
  const JwtCodec jwt = codec();
  const Parts parts = split(jwt.issue("42", kNow));
  std::string payload = base64url_decode(parts.payload);
  const auto at = payload.find(R"("sub":"42")");
  ASSERT_NE(at, std::string::npos);
  payload.replace(at, 10, R"("sub":"1")");
  const std::string forged = parts.header + "." + base64url(payload) + "." + parts.signature;
  EXPECT_EQ(refusal(jwt.verify(forged, kNow)), JwtError::kBadSignature);
}

TEST(JwtCodec, RefusesATamperedSignature) {
  const JwtCodec jwt = codec();
  const Parts parts = split(jwt.issue("42", kNow));
  std::string signature = parts.signature;
  signature[10] = signature[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(refusal(jwt.verify(parts.header + "." + parts.payload + "." + signature, kNow)),
            JwtError::kBadSignature);
  EXPECT_EQ(refusal(jwt.verify(parts.header + "." + parts.payload + ".", kNow)),
            JwtError::kBadSignature);
}

TEST(JwtCodec, RefusesATokenSignedWithAnotherSecret) {
  const JwtCodec other(std::string(32, 'x'), std::string(kIssuer), kLifetime);
  EXPECT_EQ(refusal(codec().verify(other.issue("42", kNow), kNow)), JwtError::kBadSignature);
}

TEST(JwtCodec, RefusesAnUnsignedToken) {
  const JwtCodec jwt = codec();
  const Parts parts = split(jwt.issue("42", kNow));
  const std::string none = base64url(R"({"alg":"none","typ":"JWT"})");
  EXPECT_EQ(refusal(jwt.verify(none + "." + parts.payload + ".", kNow)), JwtError::kWrongAlgorithm);
  EXPECT_EQ(refusal(jwt.verify(none + "." + parts.payload + "." + parts.signature, kNow)),
            JwtError::kWrongAlgorithm);
  EXPECT_EQ(refusal(jwt.verify(base64url(R"({"alg":"none"})") + "." + parts.payload + ".", kNow)),
            JwtError::kWrongAlgorithm);
}

TEST(JwtCodec, RefusesHs512UnderTheSameSecret) {
  // libjwt verifies with whichever HMAC the header names, so this token passes jwt_decode.
  jwt_t* raw = nullptr;
  ASSERT_EQ(jwt_new(&raw), 0);
  const std::unique_ptr<jwt_t, decltype(&jwt_free)> token(raw, &jwt_free);
  ASSERT_EQ(jwt_add_grants_json(token.get(), claims_json(R"(,"typ":"access")").c_str()), 0);
  ASSERT_EQ(jwt_set_alg(token.get(), JWT_ALG_HS512,
                        reinterpret_cast<const unsigned char*>(kSecret.data()),
                        static_cast<int>(kSecret.size())),
            0);
  const std::unique_ptr<char, CFree> encoded(jwt_encode_str(token.get()));
  ASSERT_NE(encoded, nullptr);
  EXPECT_EQ(refusal(codec().verify(encoded.get(), kNow)), JwtError::kWrongAlgorithm);
}

TEST(JwtCodec, AcceptsAHandSignedAccessToken) {
  // The control for the hand-signed tests below: a correct token by the same route verifies.
  const VerifyResult result =
      codec().verify(hand_signed(kHs256Header, claims_json(R"(,"typ":"access")")), kNow);
  ASSERT_TRUE(result.claims.has_value()) << describe(result.error);
  EXPECT_EQ(result.claims->token_id, "00112233445566778899aabbccddeeff");
}

TEST(JwtCodec, RefusesAlgorithmNamesInAnotherCase) {
  // libjwt itself takes "hs256" for HS256; RFC 7515 names are case-sensitive.
  const std::string token =
      hand_signed(R"({"alg":"hs256","typ":"JWT"})", claims_json(R"(,"typ":"access")"));
  EXPECT_EQ(refusal(codec().verify(token, kNow)), JwtError::kWrongAlgorithm);
}

TEST(JwtCodec, RefusesSignedTokensWithoutTheRequiredClaims) {
  const JwtCodec jwt = codec();
  const std::string complete = R"(,"typ":"access")";
  EXPECT_EQ(refusal(jwt.verify(hand_signed(kHs256Header, claims_json()), kNow)),
            JwtError::kMalformed)
      << "no typ";
  EXPECT_EQ(
      refusal(jwt.verify(hand_signed(kHs256Header, claims_json(R"(,"typ":"refresh")")), kNow)),
      JwtError::kMalformed)
      << "typ refresh";
  EXPECT_EQ(refusal(jwt.verify(
                hand_signed(kHs256Header, R"({"sub":"42","iat":1700000000,"exp":1700000900,)"
                                          R"("iss":"switchyard-test","typ":"access"})"),
                kNow)),
            JwtError::kMalformed)
      << "no jti";
  EXPECT_EQ(refusal(jwt.verify(
                hand_signed(kHs256Header, R"({"jti":"ab","iat":1700000000,"exp":1700000900,)"
                                          R"("iss":"switchyard-test","typ":"access"})"),
                kNow)),
            JwtError::kMalformed)
      << "no sub";
  EXPECT_EQ(
      refusal(jwt.verify(
          hand_signed(kHs256Header, R"({"sub":"42","jti":"ab","iat":1700000000,"exp":"1700000900",)"
                                    R"("iss":"switchyard-test","typ":"access"})"),
          kNow)),
      JwtError::kMalformed)
      << "exp as text";
  EXPECT_EQ(
      refusal(jwt.verify(
          hand_signed(kHs256Header, R"({"sub":"42","jti":"ab","iat":1700000000,"exp":1.7000009e9,)"
                                    R"("iss":"switchyard-test","typ":"access"})"),
          kNow)),
      JwtError::kMalformed)
      << "exp as a fraction";
  EXPECT_EQ(refusal(jwt.verify(hand_signed(kHs256Header, "[1,2]"), kNow)), JwtError::kMalformed)
      << "payload not an object";
  EXPECT_TRUE(jwt.verify(hand_signed(kHs256Header, claims_json(complete)), kNow).claims)
      << "control";
}

TEST(JwtCodec, RefusesAnotherIssuer) {
  const JwtCodec other(std::string(kSecret), "someone-else", kLifetime);
  EXPECT_EQ(refusal(codec().verify(other.issue("42", kNow), kNow)), JwtError::kWrongIssuer);
}

TEST(JwtCodec, RefusesGarbageAsMalformed) {
  const JwtCodec jwt = codec();
  const std::string valid = jwt.issue("42", kNow);
  for (const std::string& garbage :
       {std::string(), std::string("garbage"), std::string("a.b.c"), std::string(".."),
        std::string("Bearer ") + valid, valid + std::string(1, '\0') + "x",
        base64url("not json") + "." + split(valid).payload + "." + split(valid).signature}) {
    EXPECT_EQ(refusal(jwt.verify(garbage, kNow)), JwtError::kMalformed) << garbage;
  }
}

TEST(JwtCodec, RefusesAShortSecretOrNoLifetime) {
  EXPECT_THROW(JwtCodec(std::string(31, 's'), "i", kLifetime), std::invalid_argument);
  EXPECT_NO_THROW(JwtCodec(std::string(32, 's'), "i", kLifetime));
  EXPECT_THROW(JwtCodec(std::string(kSecret), "i", std::chrono::seconds(0)), std::invalid_argument);
}

TEST(JwtCodec, RefusesToIssueWithoutASubject) {
  EXPECT_THROW(codec().issue("", kNow), std::invalid_argument);
  EXPECT_THROW(codec().issue(std::string_view("4\0"
                                              "2",
                                              3),
                             kNow),
               std::invalid_argument);
}

TEST(JwtCodec, VerifiesFromManyThreadsAtOnce) {
  const JwtCodec jwt = codec();
  const std::string token = jwt.issue("42", kNow);
  std::string forged = token;
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        const VerifyResult ok = jwt.verify(token, kNow);
        if (!ok.claims || ok.claims->subject != "42") ++wrong;
        if (jwt.verify(forged, kNow).claims) ++wrong;
        if (!jwt.verify(jwt.issue("7", kNow), kNow).claims) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(JwtCodec, DescribesEachError) {
  EXPECT_EQ(describe(JwtError::kExpired), "the token has expired");
  for (JwtError error : {JwtError::kMalformed, JwtError::kBadSignature, JwtError::kWrongAlgorithm,
                         JwtError::kWrongIssuer}) {
    EXPECT_FALSE(describe(error).empty());
    EXPECT_NE(describe(error), describe(JwtError::kExpired));
  }
}

}  // namespace
}  // namespace switchyard::security
