#pragma once
// RequestHeadWatch: every check on a request's head (request line and header
// fields), made on the raw bytes as they arrive, before Pistache buffers or
// parses them (GuardedHandler feeds it, for every request: routed, 404 or 405).
// Pistache 0.0.5 cannot be trusted with these: it keeps only the first of
// repeated header lines (so they cannot be counted after parsing), hands values
// out as copies only, reserves as much memory as Content-Length claims before the
// body arrives, and answers a negative or enormous Content-Length with a 500.
// Refused, each as soon as its bytes arrive:
//   414 a request line past max_request_line bytes;
//   431 header field lines past MAX_HEADER_BYTES in total (CRLFs included), or
//       more than MAX_HEADER_COUNT of them, repeats included;
//   400 a control character (NUL included) in the request line; a field name
//       that is not a token, a line without ':', a field value holding a control
//       character or bytes that are not UTF-8 (values such as Idempotency-Key are
//       stored as PostgreSQL text); a Content-Length that is not one
//       non-negative integer;
//   413 a Content-Length past MAX_BODY_BYTES (the body is never read).
// No I/O; one per connection, used by its reactor thread only.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "errors/app_error.hpp"

namespace switchyard::api {

struct HeaderLimits {
  // Sum over the field lines of name + ": " + value + CRLF. MAX_HEADER_BYTES.
  std::size_t max_bytes = 16 << 10;
  // Field lines, repeats of a name included. MAX_HEADER_COUNT.
  std::size_t max_count = 100;
};

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

  // The request's path as far as it arrived (64 bytes of the request line are
  // kept): it decides the error format of a refusal.
  std::string_view path() const;

 private:
  static constexpr std::size_t kKept = 64;  // bytes kept of each line: a name, a number

  enum class Part : unsigned char { kRequestLine, kName, kValue };
  enum class Flaw : unsigned char { kNone, kControl, kName, kValue };

  // Well-formed UTF-8 (no overlong forms, no surrogates), one byte at a time.
  struct Utf8 {
    unsigned char need = 0;  // continuation bytes still expected
    unsigned char lower = 0x80;
    unsigned char upper = 0xBF;
    bool take(unsigned char byte);
  };

  std::optional<AppError> end_line(const RequestHeadLimits& limits);
  // Counts [from, to) into the line arriving, keeping its first kKept bytes.
  void keep(const unsigned char* from, const unsigned char* to);
  void read_content_length(std::string_view value);

  bool in_head_ = true;
  Part part_ = Part::kRequestLine;
  Flaw flaw_ = Flaw::kNone;  // of the line arriving
  bool pending_cr_ = false;  // its last byte was a CR (a line ends with CRLF)
  Utf8 utf8_;
  std::size_t lines_ = 0;        // complete lines, the request line included
  std::size_t field_bytes_ = 0;  // of the complete field lines, CRLF included
  std::array<char, kKept> line_{};
  std::size_t line_length_ = 0;  // of the line arriving, so far
  std::array<char, kKept> request_line_{};
  std::size_t request_line_kept_ = 0;
  std::optional<std::uint64_t> content_length_;
  bool bad_content_length_ = false;
};

}  // namespace switchyard::api
