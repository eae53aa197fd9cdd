#include "security/webhook_signature.hpp"

#include <charconv>
#include <cstdint>

#include "security/hmac_sha256.hpp"

namespace switchyard::security {

std::string_view to_string(WebhookVerdict verdict) {
  switch (verdict) {
    case WebhookVerdict::kValid:
      return "valid";
    case WebhookVerdict::kMissing:
      return "missing";
    case WebhookVerdict::kStale:
      return "stale";
    case WebhookVerdict::kMismatch:
      return "mismatch";
  }
  return "mismatch";
}

std::string webhook_signature(std::string_view secret, const std::optional<std::string>& timestamp,
                              std::string_view body) {
  if (timestamp) return hmac_sha256_hex(secret, {*timestamp, ":", body});
  return hmac_sha256_hex(secret, {body});
}

WebhookVerdict verify_webhook(const WebhookSigning& signing,
                              const std::optional<std::string>& timestamp,
                              const std::optional<std::string>& signature, std::string_view body,
                              std::chrono::seconds now) {
  if (!signature || signature->empty()) return WebhookVerdict::kMissing;
  std::optional<std::string> stamp;
  if (signing.timestamped) {
    if (!timestamp || timestamp->empty()) return WebhookVerdict::kMissing;
    std::int64_t sent = 0;
    const char* end = timestamp->data() + timestamp->size();
    const auto [rest, error] = std::from_chars(timestamp->data(), end, sent);
    if (error != std::errc() || rest != end) return WebhookVerdict::kStale;
    const std::int64_t skew = now.count() - sent;
    if (skew > signing.window.count() || skew < -signing.window.count())
      return WebhookVerdict::kStale;
    stamp = *timestamp;
  }
  return equal_in_constant_time(webhook_signature(signing.secret, stamp, body), *signature)
             ? WebhookVerdict::kValid
             : WebhookVerdict::kMismatch;
}

}  // namespace switchyard::security
