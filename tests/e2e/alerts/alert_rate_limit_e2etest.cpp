// The webhooks' rate limit (imas-incidents-api.md, "Rate Limiting": Webhooks 100
// requests per minute) counts per source: the 101st request of one source within
// its window answers 429 in the IMAS format with retry_after, while another
// source still gets through.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "task_api_client.hpp"
#include "test_stack.hpp"

namespace switchyard::testing {
namespace {

TEST(AlertRateLimit, TheHundredAndFirstRequestOfOneSourceWithinAMinuteAnswers429) {
  TestStack stack({"alert_rate_limit_e2e", 1, {}});
  HttpClient http(stack.base_url());
  const std::map<std::string, std::string> json{{"Content-Type", "application/json"}};
  const std::string alert = R"({"title":"Disk full","severity":"low","service":"db"})";
  // A window starts on a minute boundary (RateLimiter): wait out the end of a
  // nearly spent one, so all 101 requests fall in one window.
  while (std::chrono::system_clock::now().time_since_epoch() % std::chrono::seconds(60) >
         std::chrono::seconds(45)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  for (int i = 0; i < 100; ++i) {
    const auto r = http.request("POST", "/api/v1/webhooks/generic/", alert, json);
    ASSERT_EQ(r.status, 202) << "request " << i << ": " << r.body;
  }
  const auto refused = http.request("POST", "/api/v1/webhooks/generic/", alert, json);
  ASSERT_EQ(refused.status, 429) << refused.body;
  const auto body = parse_json(refused.body);
  EXPECT_EQ(std::string(body["error"].GetString()), "Rate limit exceeded");
  EXPECT_GT(body["retry_after"].GetInt(), 0);
  EXPECT_EQ(refused.header("x-ratelimit-remaining"), "0");

  const auto other =
      http.request("POST", "/api/v1/webhooks/datadog/",
                   R"({"id":"1","title":"Other source","alert_type":"warning"})", json);
  EXPECT_EQ(other.status, 202) << other.body;
}

}  // namespace
}  // namespace switchyard::testing
