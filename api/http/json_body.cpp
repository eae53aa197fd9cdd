#include "http/json_body.hpp"

#include <fmt/format.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "errors/app_error.hpp"
#include "http/json_prescan.hpp"
#include "http/request_fields.hpp"

namespace switchyard::api {
namespace {

// Validating UTF-8 refuses bytes PostgreSQL would refuse. Numbers come as text
// (ExactNumbers below): RapidJSON 1.1's own conversion is either a few ULPs off
// (its default) or crashes on some literals (kParseFullPrecisionFlag, e.g. a zero
// with 200 fraction digits and a large negative exponent), and its exponent sum
// overflows an int (CVE-2024-38517); as text, none of that code runs.
constexpr unsigned kParseFlags =
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;

constexpr std::size_t kNowhere = JsonPrescan::kNowhere;

// What RawNumber refuses.
enum class NumberProblem { kNone, kIntegerRange, kUnderflow, kOverflow };

// Whether a number literal that from_chars found out of range is too close to
// zero (rather than too large): the power of ten of its first significant digit.
bool is_tiny(std::string_view literal) {
  std::size_t i = literal.starts_with('-') ? 1 : 0;
  long magnitude = 0;
  bool significant = false;
  for (; i < literal.size() && literal[i] != '.' && literal[i] != 'e' && literal[i] != 'E'; ++i) {
    significant |= literal[i] != '0';
    if (significant) ++magnitude;
  }
  if (i < literal.size() && literal[i] == '.') {
    for (++i; i < literal.size() && literal[i] != 'e' && literal[i] != 'E'; ++i) {
      if (significant) continue;
      significant = literal[i] != '0';
      if (!significant) --magnitude;
    }
  }
  if (i < literal.size()) {  // the exponent
    const bool minus = i + 1 < literal.size() && literal[i + 1] == '-';
    long exponent = 0;
    for (++i; i < literal.size(); ++i) {
      if (literal[i] >= '0' && literal[i] <= '9' && exponent < 1'000'000) {
        exponent = exponent * 10 + (literal[i] - '0');
      }
    }
    magnitude += minus ? -exponent : exponent;
  }
  return magnitude <= 0;
}

// Whether the number literal `text` starts with has neither fraction nor exponent.
bool is_integer_literal(std::string_view text) {
  const std::size_t end = text.find_first_not_of("-0123456789");
  return end == std::string_view::npos ||
         (text[end] != '.' && text[end] != 'e' && text[end] != 'E');
}

// The SAX handler: every event goes to the document as RapidJSON would send it,
// except numbers, which arrive as text and are converted here with from_chars
// (correctly rounded). An integer literal stays an integer when it fits 64 bits
// (int64 or uint64) and is refused otherwise, rather than becoming a double that
// has lost its digits; a decimal that rounds to 0 or to infinity is refused.
class ExactNumbers {
 public:
  explicit ExactNumbers(rapidjson::Document& document) : document_(document) {}

  // What RawNumber refused (RapidJSON then reports kParseErrorTermination).
  NumberProblem refused() const { return refused_; }

  bool Null() { return document_.Null(); }
  bool Bool(bool b) { return document_.Bool(b); }
  bool Int(int i) { return document_.Int(i); }
  bool Uint(unsigned u) { return document_.Uint(u); }
  bool Int64(std::int64_t i) { return document_.Int64(i); }
  bool Uint64(std::uint64_t u) { return document_.Uint64(u); }
  bool Double(double d) { return document_.Double(d); }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    return document_.String(text, length, copy);
  }
  bool StartObject() { return document_.StartObject(); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    return document_.Key(text, length, copy);
  }
  bool EndObject(rapidjson::SizeType members) { return document_.EndObject(members); }
  bool StartArray() { return document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return document_.EndArray(elements); }

  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view literal(text, length);
    const char* const end = text + length;
    if (literal.find_first_of(".eE") == std::string_view::npos) {
      if (literal.starts_with('-')) {
        std::int64_t value = 0;
        if (std::from_chars(text, end, value).ec == std::errc{}) return document_.Int64(value);
      } else {
        std::uint64_t value = 0;
        if (std::from_chars(text, end, value).ec == std::errc{}) return document_.Uint64(value);
      }
      refused_ = NumberProblem::kIntegerRange;
      return false;
    }
    double value = 0;
    if (std::from_chars(text, end, value).ec == std::errc{}) return document_.Double(value);
    refused_ = is_tiny(literal) ? NumberProblem::kUnderflow : NumberProblem::kOverflow;
    return false;
  }

 private:
  rapidjson::Document& document_;
  NumberProblem refused_ = NumberProblem::kNone;
};

// Reads `body` into a document through ExactNumbers.
struct ReadResult {
  rapidjson::ParseErrorCode error = rapidjson::kParseErrorNone;
  std::size_t error_at = kNowhere;
  NumberProblem refused = NumberProblem::kNone;
};

ReadResult read_document(std::string_view body, rapidjson::Document& document) {
  ReadResult result;
  auto generate = [&body, &result](rapidjson::Document& target) {
    rapidjson::MemoryStream bytes(body.data(), body.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(bytes);
    ExactNumbers handler(target);
    rapidjson::CrtAllocator stack_allocator;  // stateless: spares the reader a heap one
    rapidjson::Reader reader(&stack_allocator);
    const rapidjson::ParseResult parsed = reader.Parse<kParseFlags>(input, handler);
    if (parsed) return true;
    result.error = parsed.Code();
    result.error_at = parsed.Offset();
    result.refused = handler.refused();
    return false;
  };
  document.Populate(generate);
  return result;
}

// ---- The error path: naming the field at a byte offset (allocates; never on
// an accepted body).

// Bytes of the valid UTF-8 sequence at `i` (printable), 0 when it is not one.
std::size_t printable_sequence(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead >= 0x20 && lead < 0x7F) return 1;
  if (lead < 0xC2 || lead > 0xF4) return 0;
  const std::size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  const auto next = static_cast<unsigned char>(s[i + 1]);
  if ((lead == 0xE0 && next < 0xA0) || (lead == 0xED && next > 0x9F) ||
      (lead == 0xF0 && next < 0x90) || (lead == 0xF4 && next > 0x8F)) {
    return 0;
  }
  return length;
}

// A key as it appears in the body, cut to 64 bytes, anything unprintable as '?',
// so that an error body stays short and UTF-8.
void append_segment(std::string& field, std::string_view raw) {
  constexpr std::size_t kMaxBytes = 64;
  if (!field.empty()) field += '.';
  std::size_t i = 0;
  std::size_t taken = 0;
  while (i < raw.size()) {
    const std::size_t length = printable_sequence(raw, i);
    if (taken + std::max<std::size_t>(length, 1) > kMaxBytes) {
      field += "...";
      return;
    }
    if (length == 0) {
      field += '?';
      ++i;
      ++taken;
    } else {
      field.append(raw.substr(i, length));
      i += length;
      taken += length;
    }
  }
}

struct Location {
  std::string field;    // dotted path, empty for the body itself
  bool in_key = false;  // the offset is inside a member's name
};

// The member or element holding byte `offset`, read from the text (the body may
// not parse). Containers are at most max_depth + 1 deep here.
Location locate(std::string_view body, std::size_t offset) {
  struct Frame {
    bool object;
    bool in_value;  // past the member's ':' (always, in an array)
    std::string_view key;
    std::size_t index;
  };
  std::vector<Frame> frames;
  Location location;
  std::size_t i = 0;
  const std::size_t stop = std::min(offset, body.size());
  while (i < stop) {
    const char c = body[i];
    if (c == '"') {
      std::size_t close = i + 1;
      while (close < body.size() && body[close] != '"') close += body[close] == '\\' ? 2 : 1;
      const bool key = !frames.empty() && frames.back().object && !frames.back().in_value;
      if (close >= offset) {
        location.in_key = key;
        break;
      }
      if (key) frames.back().key = body.substr(i + 1, close - i - 1);
      i = close + 1;
      continue;
    }
    if (c == '{' || c == '[') frames.push_back({c == '{', c == '[', {}, 0});
    if ((c == '}' || c == ']') && !frames.empty()) frames.pop_back();
    if (c == ':' && !frames.empty() && frames.back().object) frames.back().in_value = true;
    if (c == ',' && !frames.empty()) {
      if (frames.back().object) {
        frames.back().in_value = false;
      } else {
        ++frames.back().index;
      }
    }
    ++i;
  }
  for (const Frame& frame : frames) {
    if (!frame.in_value) break;
    if (frame.object) {
      append_segment(location.field, frame.key);
    } else {
      append_segment(location.field, std::to_string(frame.index));
    }
  }
  return location;
}

[[noreturn]] void refuse(std::string_view body, std::size_t offset, std::string_view problem) {
  const Location location = locate(body, offset);
  const std::string field = location.field.empty() ? "the body" : location.field;
  const std::string message =
      location.in_key ? fmt::format("has a key that {}", problem) : std::string(problem);
  throw AppError(ErrorCode::kValidation, fmt::format("Validation failed: {} {}", field, message),
                 field_error(field, message));
}

std::string_view describe(JsonTextProblem problem) {
  if (problem == JsonTextProblem::kNul) {
    return "contains U+0000 (NUL), which PostgreSQL text cannot hold";
  }
  return "contains an unpaired UTF-16 surrogate escape (\\ud800-\\udfff without its pair)";
}

std::string_view describe(NumberProblem problem) {
  switch (problem) {
    case NumberProblem::kIntegerRange:
      return "is an integer outside the 64-bit range (-2^63 to 2^64-1); send it as a string";
    case NumberProblem::kUnderflow:
      return "is a number too small for a double (it would be stored as 0)";
    case NumberProblem::kOverflow:
      return "is a number beyond the range of a double (about ±1.8e308)";
    case NumberProblem::kNone:
      break;
  }
  return "is refused";
}

}  // namespace

rapidjson::Document parse_json_body(std::string_view body, const JsonLimits& limits) {
  const JsonPrescan scan = prescan_json(body, limits.max_depth);
  if (scan.too_deep_at != kNowhere) {
    refuse(body, scan.too_deep_at,
           fmt::format("nests deeper than {} levels (JSON_MAX_DEPTH)", limits.max_depth));
  }
  rapidjson::Document document;
  const ReadResult read = read_document(body, document);
  // Whichever comes first in the body is reported; at the same byte (a raw NUL, a
  // lone high surrogate) the pre-scan's words are the clearer.
  if (scan.problem != JsonTextProblem::kNone && scan.problem_at <= read.error_at) {
    refuse(body, scan.problem_at, describe(scan.problem));
  }
  switch (read.error) {
    case rapidjson::kParseErrorNone:
      return document;
    case rapidjson::kParseErrorTermination:
      refuse(body, read.error_at, describe(read.refused));
    case rapidjson::kParseErrorStringInvalidEncoding:
      refuse(body, read.error_at, "is not valid UTF-8");
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      refuse(body, read.error_at, describe(JsonTextProblem::kLoneSurrogate));
    case rapidjson::kParseErrorNumberTooBig:  // RapidJSON's own check, before RawNumber
      refuse(body, read.error_at,
             describe(is_integer_literal(body.substr(std::min(read.error_at, body.size())))
                          ? NumberProblem::kIntegerRange
                          : NumberProblem::kOverflow));
    default:
      break;
  }
  const std::string reason = rapidjson::GetParseError_En(read.error);
  const Location location = locate(body, read.error_at);
  throw AppError(ErrorCode::kValidation,
                 fmt::format("The body is not valid JSON: {} (at byte {})", reason, read.error_at),
                 field_error(location.field.empty() ? "the body" : location.field, reason));
}

}  // namespace switchyard::api
