#pragma once
// Slack's request signing (https://api.slack.com/authentication/verifying-requests-from-slack):
// X-Slack-Signature is "v0=" and the lowercase hex HMAC-SHA256, keyed with the
// app's signing secret, of "v0:<X-Slack-Request-Timestamp>:<raw body>". The
// timestamp (Unix seconds) must be within five minutes of now, so a captured
// request cannot be replayed later. The comparison takes the same time whatever
// the first differing byte.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::security {

enum class SlackVerdict {
  kValid,
  kMissing,   // no signature or no timestamp header
  kStale,     // the timestamp is not a number, or more than 5 minutes from now
  kMismatch,  // the signature is not the body's
};

inline constexpr std::chrono::seconds kSlackTimestampWindow{300};

// "v0=<64 hex digits>" for `body` sent at `timestamp`.
std::string slack_signature(std::string_view secret, std::string_view timestamp,
                            std::string_view body);

std::string_view to_string(SlackVerdict verdict);

// The verdict on one request; `now` is the current Unix time.
SlackVerdict verify_slack_request(std::string_view secret,
                                  const std::optional<std::string>& timestamp,
                                  const std::optional<std::string>& signature,
                                  std::string_view body, std::chrono::seconds now);

}  // namespace switchyard::security
