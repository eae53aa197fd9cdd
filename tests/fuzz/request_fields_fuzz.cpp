// libFuzzer target: the readers of http/request_fields.hpp that take plain text —
// parse_form (an application/x-www-form-urlencoded body, e.g. xcore's login: fields
// or AppError) and is_iso8601 (every tracker date field and query: never throws,
// accepts only the documented shape with real calendar values).
// Findings: any other exception, a crash or sanitizer report, a broken promise below.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "errors/app_error.hpp"
#include "fuzz_check.hpp"
#include "http/request_fields.hpp"

namespace {

using switchyard::fuzz::check;

bool digits(std::string_view s, std::size_t from, std::size_t count) {
  if (from + count > s.size()) return false;
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int number(std::string_view s, std::size_t from, std::size_t count) {
  int n = 0;
  for (std::size_t i = from; i < from + count; ++i) n = n * 10 + (s[i] - '0');
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  try {
    const auto fields = switchyard::api::parse_form(text);
    check(fields.size() <= size / 2 + 1, "parse_form found more fields than '&'-separated pairs");
    for (const auto& [name, value] : fields) {
      check(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos,
            "parse_form accepted a field holding NUL");
    }
  } catch (const switchyard::AppError&) {
  }

  const std::string candidate(text);
  if (switchyard::api::is_iso8601(candidate)) {
    // The date part every accepted value starts with: YYYY-MM-DD, a real day.
    check(digits(text, 0, 4) && text[4] == '-' && digits(text, 5, 2) && text[7] == '-' &&
              digits(text, 8, 2),
          "is_iso8601 accepted a value without a YYYY-MM-DD date");
    const int month = number(text, 5, 2);
    const int day = number(text, 8, 2);
    check(number(text, 0, 4) >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 31,
          "is_iso8601 accepted a date outside the calendar");
    check(text.find('\0') == std::string_view::npos, "is_iso8601 accepted text with NUL");
  }
  return 0;
}
