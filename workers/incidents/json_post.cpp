#include "incidents/json_post.hpp"

#include <fmt/format.h>

#include "incidents/orchestration_step.hpp"

namespace switchyard::workers::incidents {
namespace {

constexpr std::size_t kExcerptChars = 200;

// The length of the well-formed UTF-8 sequence at text[i], 0 when there is none.
std::size_t utf8_sequence_length(const std::string& text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf)
    length = 2;
  else if (lead >= 0xe0 && lead <= 0xef)
    length = 3;
  else if (lead >= 0xf0 && lead <= 0xf4)
    length = 4;
  else
    return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  }
  // Overlong forms, surrogates and code points past U+10FFFF.
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second >= 0xa0) ||
      (lead == 0xf0 && second < 0x90) || (lead == 0xf4 && second >= 0x90)) {
    return 0;
  }
  return length;
}

}  // namespace

net::HttpResponse post_json(net::HttpSession& session, const JsonPost& post) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = post.url;
  request.body = post.body;
  request.timeout = post.timeout;
  // "Expect:" keeps libcurl from waiting for a 100 Continue before a longer body.
  request.headers = {"Content-Type: application/json", "Accept: application/json",
                     "Expect:", "Idempotency-Key: " + post.idempotency_key};
  if (!post.token.empty()) request.headers.push_back("Authorization: Bearer " + post.token);
  return session.perform(request);
}

void expect_success(std::string_view service, const net::HttpResponse& response) {
  if (!response.answered()) {
    const std::string reason =
        fmt::format("{} did not answer: {}", service, response.transport_error);
    if (response.transport_retryable) throw retryable_upstream(reason);
    throw refused_upstream(reason);
  }
  if (response.ok()) return;
  std::string reason = fmt::format("{} answered HTTP {}", service, response.status);
  if (const std::string excerpt = body_excerpt(response.body); !excerpt.empty()) {
    reason += ": " + excerpt;
  }
  const long s = response.status;
  if (s == 408 || s == 429 || s >= 500) throw retryable_upstream(reason, response.retry_after);
  throw refused_upstream(reason);
}

std::string body_excerpt(const std::string& body) {
  std::string out;
  for (std::size_t i = 0; i < body.size();) {
    if (out.size() >= kExcerptChars) {
      out += "...";
      break;
    }
    const std::size_t length = utf8_sequence_length(body, i);
    const auto u = static_cast<unsigned char>(body[i]);
    if (length == 0) {
      out += '?';  // not UTF-8: PostgreSQL would refuse the entry
      ++i;
    } else if (u < 0x20 || u == 0x7f) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      ++i;
    } else {
      out.append(body, i, length);
      i += length;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace switchyard::workers::incidents
