#pragma once
// Webhook signatures as Grafana's webhook contact point makes them ("HMAC
// Signature": a secret, a signature header, X-Grafana-Alerting-Signature by
// default, and an optional timestamp header): the lowercase hex HMAC-SHA256,
// keyed with the shared secret, of "<timestamp>:<raw body>" when the sender
// stamps its requests, else of the raw body alone. A stamped request (Unix
// seconds) older or newer than `window` is refused, so a captured one cannot be
// replayed later.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::security {

enum class WebhookVerdict {
  kValid,
  kMissing,   // no signature, or no timestamp where one is expected
  kStale,     // the timestamp is not a number, or outside the window
  kMismatch,  // the signature is not the body's
};

std::string_view to_string(WebhookVerdict verdict);

// The signature of `body`, stamped with `timestamp` when there is one.
std::string webhook_signature(std::string_view secret, const std::optional<std::string>& timestamp,
                              std::string_view body);

struct WebhookSigning {
  std::string secret;
  bool timestamped = false;  // the sender puts a timestamp in a header of its own
  std::chrono::seconds window{300};
};

// The verdict on one request; `now` is the current Unix time.
WebhookVerdict verify_webhook(const WebhookSigning& signing,
                              const std::optional<std::string>& timestamp,
                              const std::optional<std::string>& signature, std::string_view body,
                              std::chrono::seconds now);

}  // namespace switchyard::security
