#include "events/request_head.hpp"

#include <algorithm>
#include <cctype>

#include "http/url_decoding.hpp"

namespace switchyard::api::events {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool control_free(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

}  // namespace

std::optional<std::string> RequestHead::field(const std::string& lower_name) const {
  const auto found = fields.find(lower_name);
  if (found == fields.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> RequestHead::parameter(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    if (url_decode(pair.substr(0, eq), PlusSign::kSpace) != name) continue;
    return eq == std::string_view::npos ? std::string{}
                                        : url_decode(pair.substr(eq + 1), PlusSign::kSpace);
  }
  return std::nullopt;
}

HeadParse parse_request_head(std::string_view buffer, RequestHead& head, std::size_t& consumed) {
  const std::size_t end = buffer.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    return buffer.size() > kMaxHeadBytes ? HeadParse::kTooLarge : HeadParse::kIncomplete;
  }
  if (end + 4 > kMaxHeadBytes) return HeadParse::kTooLarge;
  consumed = end + 4;
  std::string_view lines = buffer.substr(0, end + 2);
  const std::size_t line_end = lines.find("\r\n");
  const std::string_view request_line = lines.substr(0, line_end);
  lines.remove_prefix(line_end + 2);
  if (!control_free(request_line)) return HeadParse::kMalformed;
  const std::size_t first_space = request_line.find(' ');
  const std::size_t last_space = request_line.rfind(' ');
  if (first_space == std::string_view::npos || last_space == first_space) {
    return HeadParse::kMalformed;
  }
  if (!request_line.substr(last_space + 1).starts_with("HTTP/1.")) return HeadParse::kMalformed;
  head.method = request_line.substr(0, first_space);
  const std::string_view target =
      request_line.substr(first_space + 1, last_space - first_space - 1);
  const std::size_t question = target.find('?');
  head.path = target.substr(0, question);
  head.query =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
  while (!lines.empty()) {
    const std::size_t next = lines.find("\r\n");
    const std::string_view line = lines.substr(0, next);
    lines.remove_prefix(next + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || !control_free(line)) {
      return HeadParse::kMalformed;
    }
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    head.fields.emplace(std::move(name), trimmed(line.substr(colon + 1)));
  }
  return HeadParse::kDone;
}

}  // namespace switchyard::api::events
