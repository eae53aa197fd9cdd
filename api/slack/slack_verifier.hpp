#pragma once
// Every request to /api/v1/slack/* must be Slack's: signed with the app's signing
// secret over the raw body and sent within the last five minutes
// (security/slack_signature.hpp). verify() throws 401 otherwise, in the IMAS
// format, naming what was wrong (missing, stale or bad signature) but never the
// expected value. With no secret configured (ENV=production without
// SLACK_SIGNING_SECRET) every request is refused.
#include <chrono>
#include <functional>
#include <string>

#include "request_context.hpp"

namespace switchyard::api::slack {

class SlackVerifier {
 public:
  using Clock = std::function<std::chrono::seconds()>;  // Unix time now
  explicit SlackVerifier(std::string secret, Clock clock = system_clock)
      : secret_(std::move(secret)), clock_(std::move(clock)) {}

  void verify(const RequestContext& context) const;

  static std::chrono::seconds system_clock();

 private:
  std::string secret_;
  Clock clock_;
};

}  // namespace switchyard::api::slack
