#include "slack/slack_verifier.hpp"

#include "security/slack_signature.hpp"

namespace switchyard::api::slack {

std::chrono::seconds SlackVerifier::system_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
}

void SlackVerifier::verify(const RequestContext& context) const {
  if (secret_.empty()) {
    throw AppError(ErrorCode::kUnauthorized, "Slack is not configured.", {},
                   "a Slack request refused: SLACK_SIGNING_SECRET is not set");
  }
  const auto verdict = security::verify_slack_request(
      secret_, context.header("X-Slack-Request-Timestamp"), context.header("X-Slack-Signature"),
      context.request.body(), clock_());
  switch (verdict) {
    case security::SlackVerdict::kValid:
      return;
    case security::SlackVerdict::kMissing:
      throw AppError(ErrorCode::kUnauthorized, "Missing Slack signature.");
    case security::SlackVerdict::kStale:
      throw AppError(ErrorCode::kUnauthorized, "Stale Slack request timestamp.");
    case security::SlackVerdict::kMismatch:
      throw AppError(ErrorCode::kUnauthorized, "Invalid Slack signature.");
  }
}

}  // namespace switchyard::api::slack
