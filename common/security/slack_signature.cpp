#include "security/slack_signature.hpp"

#include <charconv>
#include <cstdint>

#include "security/hmac_sha256.hpp"

namespace switchyard::security {

std::string slack_signature(std::string_view secret, std::string_view timestamp,
                            std::string_view body) {
  return "v0=" + hmac_sha256_hex(secret, {"v0:", timestamp, ":", body});
}

std::string_view to_string(SlackVerdict verdict) {
  switch (verdict) {
    case SlackVerdict::kValid:
      return "valid";
    case SlackVerdict::kMissing:
      return "missing";
    case SlackVerdict::kStale:
      return "stale";
    case SlackVerdict::kMismatch:
      return "mismatch";
  }
  return "mismatch";
}

SlackVerdict verify_slack_request(std::string_view secret,
                                  const std::optional<std::string>& timestamp,
                                  const std::optional<std::string>& signature,
                                  std::string_view body, std::chrono::seconds now) {
  if (!timestamp || !signature || timestamp->empty() || signature->empty()) {
    return SlackVerdict::kMissing;
  }
  std::int64_t sent = 0;
  const char* end = timestamp->data() + timestamp->size();
  const auto [rest, error] = std::from_chars(timestamp->data(), end, sent);
  if (error != std::errc() || rest != end) return SlackVerdict::kStale;
  const std::int64_t skew = now.count() - sent;
  if (skew > kSlackTimestampWindow.count() || skew < -kSlackTimestampWindow.count()) {
    return SlackVerdict::kStale;
  }
  return equal_in_constant_time(slack_signature(secret, *timestamp, body), *signature)
             ? SlackVerdict::kValid
             : SlackVerdict::kMismatch;
}

}  // namespace switchyard::security
