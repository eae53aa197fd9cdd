#include "http/request_head_watch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "http/request_fields.hpp"

namespace switchyard::api {
namespace {

constexpr std::string_view kContentLength = "content-length:";

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

AppError fields_too_large(const HeaderLimits& limits) {
  return AppError(ErrorCode::kHeadersTooLarge,
                  fmt::format("The request's header fields exceed {} bytes (MAX_HEADER_BYTES)",
                              limits.max_bytes));
}

}  // namespace

std::optional<AppError> RequestHeadWatch::take(std::string_view bytes,
                                               const RequestHeadLimits& limits) {
  while (in_head_ && !bytes.empty()) {
    const std::size_t newline = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, newline);
    if (line_length_ < kKept) {
      const std::size_t kept = std::min(piece.size(), kKept - line_length_);
      std::memcpy(line_.data() + line_length_, piece.data(), kept);
    }
    if (!piece.empty()) line_last_ = piece.back();
    line_length_ += piece.size();
    // Refused while the line is still arriving: a line of a gigabyte is never kept.
    if (lines_ == 0 && line_length_ > limits.max_request_line) {
      return AppError(ErrorCode::kUriTooLong,
                      fmt::format("The request line exceeds {} bytes", limits.max_request_line));
    }
    // (A line of one byte may be the "\r" of the empty line ending the head.)
    if (lines_ > 0 && line_length_ > 1 && field_bytes_ + line_length_ > limits.fields.max_bytes) {
      return fields_too_large(limits.fields);
    }
    if (newline == std::string_view::npos) break;
    bytes.remove_prefix(newline + 1);
    if (auto refusal = end_line(limits)) return refusal;
  }
  return std::nullopt;
}

std::optional<AppError> RequestHeadWatch::end_line(const RequestHeadLimits& limits) {
  const std::size_t raw_length = line_length_;
  const std::size_t length = raw_length > 0 && line_last_ == '\r' ? raw_length - 1 : raw_length;
  const std::string_view kept(line_.data(), std::min(length, kKept));
  line_length_ = 0;
  line_last_ = 0;
  if (lines_++ == 0) {
    std::copy(kept.begin(), kept.end(), request_line_.begin());
    request_line_kept_ = kept.size();
    return std::nullopt;
  }
  if (length == 0) {  // the empty line: the head is complete
    in_head_ = false;
    if (bad_content_length_) {
      return AppError(ErrorCode::kValidation,
                      "Content-Length must be one non-negative integer (bytes of the body)",
                      field_error("Content-Length", "must be one non-negative integer"));
    }
    if (content_length_ && *content_length_ > limits.max_body_bytes) {
      return AppError(ErrorCode::kPayloadTooLarge,
                      fmt::format("The body is {} bytes (Content-Length); the limit is {}",
                                  *content_length_, limits.max_body_bytes));
    }
    return std::nullopt;
  }
  field_bytes_ += raw_length + 1;
  if (field_bytes_ > limits.fields.max_bytes) return fields_too_large(limits.fields);
  if (lines_ - 1 > limits.fields.max_count) {
    return AppError(ErrorCode::kHeadersTooLarge,
                    fmt::format("The request has more than {} header fields (MAX_HEADER_COUNT)",
                                limits.fields.max_count));
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
