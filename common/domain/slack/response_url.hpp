#pragma once
// Where a Slack request's response_url may point. It arrives in a signed request,
// but a leaked signing secret must not turn the worker into a client for any
// address it can reach (SSRF): only https URLs (http only to a listed 127.0.0.1 or localhost, for
// tests) whose host is one of SLACK_RESPONSE_URL_HOSTS (default hooks.slack.com, where Slack's
// response URLs live) are posted to. The API checks it before it takes a command, the worker again
// before it posts.
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::domain::slack {

// True when `url` is https://<host>[:port]/... with `host` (any case) listed, or
// http:// to a listed loopback host.
bool allowed_response_url(std::string_view url, const std::vector<std::string>& hosts);

}  // namespace switchyard::domain::slack
