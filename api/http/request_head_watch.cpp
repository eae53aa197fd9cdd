#include "http/request_head_watch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "http/request_fields.hpp"

namespace switchyard::api {
namespace {

using Byte = unsigned char;

constexpr std::string_view kContentLength = "content-length:";

// tchar of RFC 9110, section 5.6.2: what a field name is made of.
constexpr std::array<bool, 256> kToken = [] {
  std::array<bool, 256> token{};
  for (int c = '0'; c <= '9'; ++c) token[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) token[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) token[c] = true;
  for (const char c : std::string_view("!#$%&'*+-.^_`|~")) token[static_cast<Byte>(c)] = true;
  return token;
}();

constexpr bool is_control(Byte byte) { return (byte < 0x20 && byte != '\t') || byte == 0x7F; }

// The bytes each part of a line takes without a closer look: a name's token
// characters; a value's visible ASCII, space and HTAB (a UTF-8 byte is checked
// one by one); anything but a control character in the request line (its path
// and query are decoded and checked later).
constexpr std::array<bool, 256> kNamePlain = kToken;
constexpr std::array<bool, 256> kValuePlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[c] = true;
  plain['\t'] = true;
  return plain;
}();
constexpr std::array<bool, 256> kRequestLinePlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0; c < 256; ++c) plain[c] = !is_control(static_cast<Byte>(c)) && c != '\r';
  plain['\n'] = false;
  return plain;
}();

bool starts_with_lowercase(std::string_view text, std::string_view lowercase_prefix) {
  if (text.size() < lowercase_prefix.size()) return false;
  for (std::size_t i = 0; i < lowercase_prefix.size(); ++i) {
    const char c = text[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lowercase_prefix[i]) {
      return false;
    }
  }
  return true;
}

std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

AppError too_many_bytes(const HeaderLimits& limits) {
  return AppError(ErrorCode::kHeadersTooLarge,
                  fmt::format("The request's header fields exceed {} bytes (MAX_HEADER_BYTES)",
                              limits.max_bytes));
}

AppError request_line_too_long(const RequestHeadLimits& limits) {
  return AppError(ErrorCode::kUriTooLong,
                  fmt::format("The request line exceeds {} bytes", limits.max_request_line));
}

AppError bad_head(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kValidation, fmt::format("{} {}", field, message),
                  field_error(field, message));
}

}  // namespace

bool RequestHeadWatch::Utf8::take(Byte byte) {
  if (need == 0) {
    if (byte < 0x80) return true;
    if (byte >= 0xC2 && byte <= 0xDF) {
      need = 1;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      need = 2;
      lower = byte == 0xE0 ? 0xA0 : 0x80;  // no overlong form
      upper = byte == 0xED ? 0x9F : 0xBF;  // no surrogate
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      need = 3;
      lower = byte == 0xF0 ? 0x90 : 0x80;  // no overlong form
      upper = byte == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
    } else {
      return false;
    }
    return true;
  }
  if (byte < lower || byte > upper) return false;
  lower = 0x80;
  upper = 0xBF;
  --need;
  return true;
}

std::optional<AppError> RequestHeadWatch::take(std::string_view bytes,
                                               const RequestHeadLimits& limits) {
  const auto* p = reinterpret_cast<const Byte*>(bytes.data());
  const auto* const end = p + bytes.size();
  while (in_head_ && p < end) {
    // A run of bytes that need no look (most of a head), then the one that does.
    if (pending_cr_ && *p != '\n') {
      flaw_ = Flaw::kControl;  // a CR inside a line
      pending_cr_ = false;
    }
    const Byte* const run = p;
    if (flaw_ != Flaw::kNone || pending_cr_) {
      while (p < end && *p != '\n') ++p;  // the line is decided: only its end matters
    } else if (utf8_.need == 0) {         // (inside a UTF-8 sequence every byte is looked at)
      const auto& plain = part_ == Part::kName    ? kNamePlain
                          : part_ == Part::kValue ? kValuePlain
                                                  : kRequestLinePlain;
      while (p < end && plain[*p]) ++p;
    }
    keep(run, p);
    if (p == end) break;
    const Byte byte = *p++;
    if (byte == '\n') {
      if (auto refusal = end_line(limits)) return refusal;
      continue;
    }
    pending_cr_ = byte == '\r';
    keep(p - 1, p);
    if (pending_cr_ || flaw_ != Flaw::kNone) continue;
    if (part_ == Part::kName) {
      if (byte == ':') {
        part_ = Part::kValue;
      } else {
        flaw_ = Flaw::kName;
      }
    } else if (part_ == Part::kValue) {
      if (is_control(byte) || !utf8_.take(byte)) flaw_ = Flaw::kValue;
    } else {
      flaw_ = Flaw::kControl;  // the request line's only stops are control characters
    }
  }
  // Refused while the line is still arriving (Pistache hands over at most 4 KiB
  // at a time): a line of a gigabyte is never buffered.
  if (in_head_ && lines_ == 0 && line_length_ > limits.max_request_line) {
    return request_line_too_long(limits);
  }
  if (in_head_ && lines_ > 0 && field_bytes_ + line_length_ > limits.fields.max_bytes + 1) {
    return too_many_bytes(limits.fields);  // (+1: a lone CR may start the empty last line)
  }
  return std::nullopt;
}

void RequestHeadWatch::keep(const Byte* from, const Byte* to) {
  const auto length = static_cast<std::size_t>(to - from);
  if (line_length_ < kKept) {
    std::memcpy(line_.data() + line_length_, from, std::min(length, kKept - line_length_));
  }
  line_length_ += length;
}

std::optional<AppError> RequestHeadWatch::end_line(const RequestHeadLimits& limits) {
  const std::size_t raw_length = line_length_ + 1;                           // with the LF
  const std::size_t length = pending_cr_ ? line_length_ - 1 : line_length_;  // without CRLF
  const std::string_view kept(line_.data(), std::min(length, kKept));
  const Flaw flaw = flaw_ == Flaw::kNone && part_ == Part::kValue && utf8_.need > 0
                        ? Flaw::kValue  // a value ending inside a UTF-8 sequence
                        : flaw_;
  const bool had_colon = part_ == Part::kValue;
  line_length_ = 0;
  pending_cr_ = false;
  flaw_ = Flaw::kNone;
  utf8_ = Utf8{};
  part_ = Part::kName;
  if (lines_++ == 0) {
    std::copy(kept.begin(), kept.end(), request_line_.begin());
    request_line_kept_ = kept.size();
    if (raw_length - 1 > limits.max_request_line) return request_line_too_long(limits);
    if (flaw != Flaw::kNone) return bad_head("The request line", "holds a control character");
    return std::nullopt;
  }
  if (length == 0) {  // the empty line: the head is complete
    in_head_ = false;
    if (bad_content_length_) {
      return bad_head("Content-Length", "must be one non-negative integer (bytes of the body)");
    }
    if (content_length_ && *content_length_ > limits.max_body_bytes) {
      return AppError(ErrorCode::kPayloadTooLarge,
                      fmt::format("The body is {} bytes (Content-Length); the limit is {}",
                                  *content_length_, limits.max_body_bytes));
    }
    return std::nullopt;
  }
  // Size and count first: they are what a client must fix before anything else.
  field_bytes_ += raw_length;
  if (field_bytes_ > limits.fields.max_bytes) return too_many_bytes(limits.fields);
  if (lines_ - 1 > limits.fields.max_count) {
    return AppError(ErrorCode::kHeadersTooLarge,
                    fmt::format("The request has more than {} header fields (MAX_HEADER_COUNT)",
                                limits.fields.max_count));
  }
  if (flaw == Flaw::kName || !had_colon || kept.front() == ':') {
    return bad_head("A header field", "must be a token name, ':' and a value");
  }
  const std::string_view name = kept.substr(0, kept.find(':'));  // token bytes: safe to echo
  if (flaw != Flaw::kNone) {
    return bad_head(name, "must be UTF-8 text without control characters");
  }
  if (starts_with_lowercase(kept, kContentLength)) {
    // A value that did not fit in the kept bytes is no byte count anyway.
    read_content_length(length <= kKept ? kept.substr(kContentLength.size()) : "x");
  }
  return std::nullopt;
}

void RequestHeadWatch::read_content_length(std::string_view value) {
  value = trim_whitespace(value);
  std::uint64_t bytes = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), bytes);
  if (value.empty() || error != std::errc{} || end != value.data() + value.size() ||
      (content_length_ && *content_length_ != bytes)) {
    bad_content_length_ = true;
    return;
  }
  content_length_ = bytes;
}

std::string_view RequestHeadWatch::path() const {
  const std::string_view line = lines_ > 0
                                    ? std::string_view(request_line_.data(), request_line_kept_)
                                    : std::string_view(line_.data(), std::min(line_length_, kKept));
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return {};
  const std::string_view rest = line.substr(space + 1);
  return rest.substr(0, rest.find_first_of(" ?"));
}

}  // namespace switchyard::api
