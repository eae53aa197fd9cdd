// Slack's request signature (security/slack_signature.hpp) against the worked
// example of Slack's documentation
// (https://api.slack.com/authentication/verifying-requests-from-slack, "Validating a request":
// signing secret 8f742231b10e8888abcd99yyyzzz85a5, a /webhook-collect slash command sent at
// 1531420618), and the verdicts around it.
#include "security/slack_signature.hpp"

#include <gtest/gtest.h>

namespace switchyard::security {
namespace {

constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view kTimestamp = "1531420618";
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
    "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
constexpr std::string_view kSignature =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
constexpr std::chrono::seconds kSent{1531420618};

SlackVerdict verdict(std::optional<std::string> timestamp, std::optional<std::string> signature,
                     std::string_view body = kBody, std::chrono::seconds now = kSent) {
  return verify_slack_request(kSecret, timestamp, signature, body, now);
}

TEST(SlackSignature, IsTheDocumentedExample) {
  EXPECT_EQ(slack_signature(kSecret, kTimestamp, kBody), kSignature);
}

TEST(SlackSignature, AcceptsTheDocumentedRequestWithinFiveMinutes) {
  EXPECT_EQ(verdict(std::string(kTimestamp), std::string(kSignature)), SlackVerdict::kValid);
  EXPECT_EQ(verdict(std::string(kTimestamp), std::string(kSignature), kBody,
                    kSent + std::chrono::seconds(300)),
            SlackVerdict::kValid);
}

TEST(SlackSignature, RefusesARequestOlderOrNewerThanFiveMinutes) {
  EXPECT_EQ(verdict(std::string(kTimestamp), std::string(kSignature), kBody,
                    kSent + std::chrono::seconds(301)),
            SlackVerdict::kStale);
  EXPECT_EQ(verdict(std::string(kTimestamp), std::string(kSignature), kBody,
                    kSent - std::chrono::seconds(301)),
            SlackVerdict::kStale);
  EXPECT_EQ(verdict("1531420618x", std::string(kSignature)), SlackVerdict::kStale);
  EXPECT_EQ(verdict("99999999999999999999999", std::string(kSignature)), SlackVerdict::kStale);
}

TEST(SlackSignature, RefusesATamperedBodyOrAnotherSecretsSignature) {
  std::string tampered(kBody);
  tampered.replace(tampered.find("roadrunner"), 10, "coyote0000");
  EXPECT_EQ(verdict(std::string(kTimestamp), std::string(kSignature), tampered),
            SlackVerdict::kMismatch);
  EXPECT_EQ(verdict(std::string(kTimestamp), slack_signature("another secret", kTimestamp, kBody)),
            SlackVerdict::kMismatch);
  EXPECT_EQ(verdict(std::string(kTimestamp), std::string(kSignature.substr(0, 40))),
            SlackVerdict::kMismatch);
}

TEST(SlackSignature, RefusesARequestWithoutItsHeaders) {
  EXPECT_EQ(verdict(std::nullopt, std::string(kSignature)), SlackVerdict::kMissing);
  EXPECT_EQ(verdict(std::string(kTimestamp), std::nullopt), SlackVerdict::kMissing);
  EXPECT_EQ(verdict(std::string(kTimestamp), ""), SlackVerdict::kMissing);
}

}  // namespace
}  // namespace switchyard::security
