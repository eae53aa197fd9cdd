#pragma once
// RequestHead: the request line and header fields of one HTTP/1.1 request to the
// event stream's listener, parsed from the bytes received so far. The listener
// serves two GETs and reads no body, so this is all it needs; a head past 16 KiB
// or malformed is refused before anything else is read.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::api::events {

struct RequestHead {
  std::string method;
  std::string path;                           // without the query
  std::string query;                          // after '?', raw
  std::map<std::string, std::string> fields;  // names lower-case; a repeat keeps the first

  std::optional<std::string> field(const std::string& lower_name) const;
  // The query parameter `name`, percent-decoded ('+' is a space), or nullopt.
  std::optional<std::string> parameter(std::string_view name) const;
};

inline constexpr std::size_t kMaxHeadBytes = 16 << 10;

enum class HeadParse { kIncomplete, kDone, kMalformed, kTooLarge };

// Parses `buffer` when it holds a whole head (up to the empty line); `consumed` is
// then the head's size.
HeadParse parse_request_head(std::string_view buffer, RequestHead& head, std::size_t& consumed);

}  // namespace switchyard::api::events
