#include "http/json_prescan.hpp"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace switchyard::api {
namespace {

using Byte = unsigned char;

// What a byte means outside strings; everything else is skipped.
enum : Byte { kPlain, kOpen, kClose, kQuote, kNulByte };
constexpr std::array<Byte, 256> kOutside = [] {
  std::array<Byte, 256> kinds{};
  kinds['{'] = kinds['['] = kOpen;
  kinds['}'] = kinds[']'] = kClose;
  kinds['"'] = kQuote;
  kinds[0] = kNulByte;
  return kinds;
}();

// The bytes that end a run of plain string content.
constexpr std::array<bool, 256> kStringStops = [] {
  std::array<bool, 256> stops{};
  stops['"'] = stops['\\'] = stops[0] = true;
  return stops;
}();

// The first quote, backslash or NUL in [p, end), or end.
const Byte* next_stop(const Byte* p, const Byte* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i nul = _mm_setzero_si128();
  while (end - p >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i stops =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                     _mm_cmpeq_epi8(chunk, nul));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#endif
  while (p < end && !kStringStops[*p]) ++p;
  return p;
}

// The code unit of the four hex digits at `p`, or -1 (a bad escape is RapidJSON's
// to report).
long hex4(const Byte* p) {
  long unit = 0;
  for (int k = 0; k < 4; ++k) {
    const Byte c = p[k];
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

bool is_high_surrogate(long unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low_surrogate(long unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

class Scanner {
 public:
  Scanner(std::string_view body, std::size_t max_depth)
      : begin_(reinterpret_cast<const Byte*>(body.data())),
        end_(begin_ + body.size()),
        max_depth_(max_depth) {}

  JsonPrescan run() {
    const Byte* p = begin_;
    std::size_t depth = 0;
    while (p < end_) {
      switch (kOutside[*p]) {
        case kPlain:
          ++p;
          break;
        case kOpen:
          if (++depth > max_depth_) {
            result_.too_deep_at = offset(p);
            return result_;
          }
          ++p;
          break;
        case kClose:
          depth -= depth > 0 ? 1 : 0;  // unbalanced closers are RapidJSON's to report
          ++p;
          break;
        case kQuote:
          p = skip_string(p + 1);
          break;
        default:  // RapidJSON would stop at a NUL after a value and accept the body
          note(JsonTextProblem::kNul, p);
          ++p;
      }
    }
    return result_;
  }

 private:
  std::size_t offset(const Byte* p) const { return static_cast<std::size_t>(p - begin_); }

  void note(JsonTextProblem problem, const Byte* at) {
    if (result_.problem != JsonTextProblem::kNone) return;
    result_.problem = problem;
    result_.problem_at = offset(at);
  }

  // From just after an opening quote to just after the closing one (or the end).
  const Byte* skip_string(const Byte* p) {
    for (;;) {
      p = next_stop(p, end_);
      if (p == end_) return p;
      if (*p == '"') return p + 1;
      if (*p == 0) {
        note(JsonTextProblem::kNul, p);
        ++p;
        continue;
      }
      if (end_ - p < 2) return end_;  // a backslash at the very end
      if (p[1] != 'u' || end_ - p < 6) {
        p += 2;  // \" \\ \n …; a bad escape is RapidJSON's to report
        continue;
      }
      const long unit = hex4(p + 2);
      if (unit == 0) {
        note(JsonTextProblem::kNul, p);
      } else if (is_high_surrogate(unit)) {
        const bool paired =
            end_ - p >= 12 && p[6] == '\\' && p[7] == 'u' && is_low_surrogate(hex4(p + 8));
        if (!paired) note(JsonTextProblem::kLoneSurrogate, p);
        if (paired) p += 6;
      } else if (is_low_surrogate(unit)) {
        note(JsonTextProblem::kLoneSurrogate, p);  // RapidJSON 1.1 would write CESU-8 bytes
      }
      p += 6;
    }
  }

  const Byte* const begin_;
  const Byte* const end_;
  const std::size_t max_depth_;
  JsonPrescan result_;
};

}  // namespace

JsonPrescan prescan_json(std::string_view body, std::size_t max_depth) {
  return Scanner(body, max_depth).run();
}

}  // namespace switchyard::api
