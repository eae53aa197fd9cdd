#pragma once
// A JSON POST to one of the HTTP services an incident's orchestration calls (the
// document service, the on-call notifier), and what its answer means for a
// retry: no answer that may pass (refused, reset, timed out), 408, 429 and 5xx
// are worth another attempt; any other 4xx, a redirect, a TLS or URL problem is
// not. The token goes in the Authorization header only, never in a message.
#include <chrono>
#include <string>
#include <string_view>

#include "net/http_session.hpp"

namespace switchyard::workers::incidents {

struct JsonPost {
  std::string url;
  std::string token;  // empty: no Authorization header
  std::string idempotency_key;
  std::string body;
  std::chrono::milliseconds timeout{10000};
};

net::HttpResponse post_json(net::HttpSession& session, const JsonPost& post);

// Returns when the answer is a 2xx; throws the retryable or refused TaskFailure
// it means otherwise, naming `service` ("the document service") and quoting the
// start of the answer.
void expect_success(std::string_view service, const net::HttpResponse& response);

// The first characters of an answer's body on one line, for a failure's reason.
std::string body_excerpt(const std::string& body);

}  // namespace switchyard::workers::incidents
