// Where a Slack response_url may send the worker (domain/slack/response_url.hpp):
// only the configured hosts, https, and no trick that hides another host.
#include "domain/slack/response_url.hpp"

#include <gtest/gtest.h>

namespace switchyard::domain::slack {
namespace {

const std::vector<std::string> kSlack{"hooks.slack.com"};

TEST(ResponseUrl, AllowsSlacksHooksHostOverHttps) {
  EXPECT_TRUE(allowed_response_url(
      "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", kSlack));
  EXPECT_TRUE(allowed_response_url("https://HOOKS.slack.com:443/actions/T1/2/x", kSlack));
}

TEST(ResponseUrl, RefusesOtherHostsAndSchemes) {
  for (const char* url : {"https://evil.example/commands", "https://hooks.slack.com.evil.example/x",
                          "https://hooks.slack.com@evil.example/x",
                          "https://user@hooks.slack.com/x", "http://hooks.slack.com/commands/x",
                          "ftp://hooks.slack.com/x", "https://hooks.slack.com:x/y",
                          "hooks.slack.com/x", "", "https://169.254.169.254/latest/meta-data"}) {
    EXPECT_FALSE(allowed_response_url(url, kSlack)) << url;
  }
}

TEST(ResponseUrl, AllowsPlainHttpOnlyToAListedLoopbackHost) {
  const std::vector<std::string> test_hosts{"127.0.0.1", "internal.example"};
  EXPECT_TRUE(allowed_response_url("http://127.0.0.1:8123/slack/hooks/1", test_hosts));
  EXPECT_FALSE(allowed_response_url("http://internal.example/slack/hooks/1", test_hosts));
  EXPECT_FALSE(allowed_response_url("http://127.0.0.1:8123/slack/hooks/1", kSlack));
}

}  // namespace
}  // namespace switchyard::domain::slack
