// Grafana-style webhook signatures (security/webhook_signature.hpp): the hex
// HMAC-SHA256 of "<timestamp>:<body>", or of the body when the sender does not
// stamp its requests. The expected values were computed apart, with Python's
// hmac module: hmac.new(b"grafana-signing-secret", b'1733400000:{"a":1}',
// hashlib.sha256).hexdigest(), and the same of b'{"a":1}'.
#include "security/webhook_signature.hpp"

#include <gtest/gtest.h>

namespace switchyard::security {
namespace {

constexpr std::string_view kSecret = "grafana-signing-secret";
constexpr std::string_view kBody = R"({"a":1})";
constexpr const char* kStamped = "02708d74e2565a2cf4409476af58ebc83367a639647508188c22ef0c233ddd52";
constexpr const char* kUnstamped =
    "ddc69aaac4190ce838919bee15e3125e12d2011641e036729e87ddc52e160880";
constexpr std::chrono::seconds kSent{1733400000};

WebhookVerdict stamped(std::optional<std::string> timestamp, std::optional<std::string> signature,
                       std::string_view body = kBody, std::chrono::seconds now = kSent) {
  return verify_webhook({std::string(kSecret), true, std::chrono::seconds(300)}, timestamp,
                        signature, body, now);
}

TEST(WebhookSignature, IsTheHmacOfTheStampAndBodyOrOfTheBodyAlone) {
  EXPECT_EQ(webhook_signature(kSecret, "1733400000", kBody), kStamped);
  EXPECT_EQ(webhook_signature(kSecret, std::nullopt, kBody), kUnstamped);
}

TEST(WebhookSignature, AStampedRequestIsValidWithinItsWindowOnly) {
  EXPECT_EQ(stamped("1733400000", kStamped), WebhookVerdict::kValid);
  EXPECT_EQ(stamped("1733400000", kStamped, kBody, kSent + std::chrono::seconds(300)),
            WebhookVerdict::kValid);
  EXPECT_EQ(stamped("1733400000", kStamped, kBody, kSent + std::chrono::seconds(301)),
            WebhookVerdict::kStale);
  EXPECT_EQ(stamped("1733400000", kStamped, kBody, kSent - std::chrono::seconds(301)),
            WebhookVerdict::kStale);
  EXPECT_EQ(stamped("17334OOOOO", kStamped), WebhookVerdict::kStale);
  EXPECT_EQ(stamped("99999999999999999999999", kStamped), WebhookVerdict::kStale);
}

TEST(WebhookSignature, AnythingMissingOrChangedIsRefused) {
  EXPECT_EQ(stamped(std::nullopt, kStamped), WebhookVerdict::kMissing);
  EXPECT_EQ(stamped("1733400000", std::nullopt), WebhookVerdict::kMissing);
  EXPECT_EQ(stamped("1733400000", ""), WebhookVerdict::kMissing);
  EXPECT_EQ(stamped("1733400000", kStamped, R"({"a":2})"), WebhookVerdict::kMismatch);
  EXPECT_EQ(stamped("1733400000", kUnstamped), WebhookVerdict::kMismatch);
  EXPECT_EQ(stamped("1733400000", std::string(kStamped).substr(0, 63)), WebhookVerdict::kMismatch);
}

TEST(WebhookSignature, AnUnstampedSenderSignsTheBodyAlone) {
  const WebhookSigning signing{std::string(kSecret), false, std::chrono::seconds(300)};
  EXPECT_EQ(verify_webhook(signing, std::nullopt, std::string(kUnstamped), kBody, kSent),
            WebhookVerdict::kValid);
  EXPECT_EQ(verify_webhook(signing, "1733400000", std::string(kStamped), kBody, kSent),
            WebhookVerdict::kMismatch);
}

}  // namespace
}  // namespace switchyard::security
