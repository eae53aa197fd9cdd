// libFuzzer target: percent-decoding of path and query parameters
// (http/url_decoding.hpp). url_decode never throws and never grows its input;
// decoded_parameter answers the decoded text exactly when it is well-formed UTF-8
// without NUL (checked against an independent reading of Unicode's table 3-7),
// and AppError otherwise. Anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "errors/app_error.hpp"
#include "fuzz_check.hpp"
#include "http/url_decoding.hpp"

namespace {

using switchyard::api::PlusSign;
using switchyard::fuzz::check;

bool in(unsigned char c, unsigned char low, unsigned char high) { return c >= low && c <= high; }

// Unicode 15, table 3-7 (well-formed UTF-8 byte sequences), minus U+0000.
bool is_text(std::string_view s) {
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < s.size()) {
    const unsigned char b0 = at(i);
    const std::size_t left = s.size() - i;
    if (in(b0, 0x01, 0x7F)) {
      i += 1;
    } else if (in(b0, 0xC2, 0xDF) && left >= 2 && in(at(i + 1), 0x80, 0xBF)) {
      i += 2;
    } else if (left >= 3 && in(at(i + 2), 0x80, 0xBF) &&
               ((b0 == 0xE0 && in(at(i + 1), 0xA0, 0xBF)) ||
                ((in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) && in(at(i + 1), 0x80, 0xBF)) ||
                (b0 == 0xED && in(at(i + 1), 0x80, 0x9F)))) {
      i += 3;
    } else if (left >= 4 && in(at(i + 2), 0x80, 0xBF) && in(at(i + 3), 0x80, 0xBF) &&
               ((b0 == 0xF0 && in(at(i + 1), 0x90, 0xBF)) ||
                (in(b0, 0xF1, 0xF3) && in(at(i + 1), 0x80, 0xBF)) ||
                (b0 == 0xF4 && in(at(i + 1), 0x80, 0x8F)))) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

void check_parameter(std::string_view raw, PlusSign plus) {
  const std::string decoded = switchyard::api::url_decode(raw, plus);
  check(decoded.size() <= raw.size(), "url_decode made the text longer");
  bool accepted = true;
  std::string value;
  try {
    value = switchyard::api::decoded_parameter("p", raw, plus);
  } catch (const switchyard::AppError&) {
    accepted = false;
  }
  check(accepted == is_text(decoded),
        accepted ? "decoded_parameter accepted text that is not NUL-free UTF-8"
                 : "decoded_parameter refused NUL-free UTF-8 text");
  check(!accepted || value == decoded, "decoded_parameter answered other text than url_decode");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  check_parameter(raw, PlusSign::kLiteral);
  check_parameter(raw, PlusSign::kSpace);
  return 0;
}
