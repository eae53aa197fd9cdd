#include "http/header_limits.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "errors/app_error.hpp"
#include "http/request_fields.hpp"
#include "http/url_decoding.hpp"

namespace switchyard::api {
namespace {

// A field name is a token (RFC 9110, section 5.6.2).
bool is_token(const std::string& name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// Field-value characters (RFC 9110, section 5.5): visible ASCII, space, HTAB and,
// here, UTF-8 text; never NUL or another control character.
bool is_field_text(const std::string& value) {
  bool non_ascii = false;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte == 0x7F) return false;
    non_ascii |= byte >= 0x80;
  }
  return !non_ascii || is_utf8_text(value);
}

}  // namespace

void check_header_fields(const Pistache::Http::Request& request, const HeaderLimits& limits) {
  const auto& fields = request.headers().rawList();
  if (fields.size() > limits.max_count) {
    throw AppError(ErrorCode::kHeadersTooLarge,
                   fmt::format("The request has {} header fields; the limit is {}", fields.size(),
                               limits.max_count));
  }
  std::size_t bytes = 0;
  bool bad_name = false;
  std::optional<std::string> bad_value;  // the name of the first field that is not text
  for (const auto& [name, raw] : fields) {
    const std::string value = raw.value();  // Pistache hands out copies only
    bytes += name.size() + value.size() + 4;
    if (!is_token(name)) {
      bad_name = true;
    } else if (!bad_value && !is_field_text(value)) {
      bad_value = name;
    }
  }
  // Size first: which field comes first in Pistache's map is arbitrary.
  if (bytes > limits.max_bytes) {
    throw AppError(ErrorCode::kHeadersTooLarge,
                   fmt::format("The request's header fields are {} bytes; the limit is {}", bytes,
                               limits.max_bytes));
  }
  if (bad_name) {
    throw AppError(ErrorCode::kValidation, "A header field name is not a token",
                   field_error("headers", "hold a field name that is not a token"));
  }
  if (bad_value) {
    throw AppError(ErrorCode::kValidation,
                   fmt::format("Header {} must be text without control characters", *bad_value),
                   field_error(*bad_value, "must be UTF-8 text without control characters"));
  }
}

}  // namespace switchyard::api
