#include "security/slack_signature.hpp"

#include <sodium.h>

#include <charconv>
#include <cstdint>

namespace switchyard::security {

std::string slack_signature(std::string_view secret, std::string_view timestamp,
                            std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  const auto update = [&state](std::string_view part) {
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  part.size());
  };
  update("v0:");
  update(timestamp);
  update(":");
  update(body);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "v0=" + std::string(hex);
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
  const std::string expected = slack_signature(secret, *timestamp, body);
  if (signature->size() != expected.size()) return SlackVerdict::kMismatch;
  return sodium_memcmp(expected.data(), signature->data(), expected.size()) == 0
             ? SlackVerdict::kValid
             : SlackVerdict::kMismatch;
}

}  // namespace switchyard::security
