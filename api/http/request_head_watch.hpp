#pragma once
// RequestHeadWatch: the limits on a request's head (request line and header
// fields), checked on the raw bytes as they arrive, before Pistache buffers or
// parses them (GuardedHandler feeds it). Pistache 0.0.5 cannot be trusted here:
// it keeps only the first of repeated header lines (so they cannot be counted
// after parsing), reserves as much memory as Content-Length claims before the
// body arrives, and answers a negative or enormous Content-Length with a 500.
// Refused, in this order as the bytes arrive:
//   414 a request line past max_request_line bytes;
//   431 header field lines past MAX_HEADER_BYTES in total (CRLFs included) or
//       more than MAX_HEADER_COUNT of them, repeats included;
//   400 a Content-Length that is not one non-negative integer;
//   413 a Content-Length past MAX_BODY_BYTES (the body is never read).
// No I/O; one per connection, used by its reactor thread only.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "errors/app_error.hpp"
#include "http/header_limits.hpp"

namespace switchyard::api {

struct RequestHeadLimits {
  std::size_t max_request_line = 8 << 10;
  HeaderLimits fields;
  std::size_t max_body_bytes = 1 << 20;
};

class RequestHeadWatch {
 public:
  // The next bytes the connection delivered. The refusal of the current request,
  // or nullopt: within the limits so far, or past its head (body bytes).
  std::optional<AppError> take(std::string_view bytes, const RequestHeadLimits& limits);

  // The next bytes start a new request.
  void restart() { *this = RequestHeadWatch{}; }

  // The request's path as far as it arrived (at most 64 bytes of the request line
  // are kept): it decides the error format of a refusal.
  std::string_view path() const;

 private:
  static constexpr std::size_t kKept = 64;  // bytes kept of each line: a name, a number

  std::optional<AppError> end_line(const RequestHeadLimits& limits);
  void read_content_length(std::string_view value);

  bool in_head_ = true;
  std::size_t lines_ = 0;        // complete lines, the request line included
  std::size_t field_bytes_ = 0;  // of the complete field lines, CRLF included
  std::array<char, kKept> line_{};
  std::size_t line_length_ = 0;  // of the line arriving, so far
  char line_last_ = 0;           // its last byte so far (kept or not)
  std::array<char, kKept> request_line_{};
  std::size_t request_line_kept_ = 0;
  std::optional<std::uint64_t> content_length_;
  bool bad_content_length_ = false;
};

}  // namespace switchyard::api
