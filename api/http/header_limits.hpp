#pragma once
// Limits on a request's header fields, checked before anything else reads them
// (authentication, rate limiting, handlers): past the total size or count the
// answer is 431 Request Header Fields Too Large in the route's error format; a
// field value holding a control character (NUL included) or bytes that are not
// UTF-8 is a 400 naming the header, since values such as Idempotency-Key are
// stored as PostgreSQL text.
// Not guaranteed: Pistache 0.0.5 keeps only the first of repeated field lines
// with the same name, so repeats are neither seen nor counted here; what bounds
// them is Pistache's per-connection request buffer (ApiServer's
// maxRequestSize: the body limit plus the header allowance), past which Pistache
// itself answers a plain-text 413.
#include <pistache/http.h>

#include <cstddef>

namespace switchyard::api {

struct HeaderLimits {
  // Sum over the fields of name + ": " + value + CRLF. MAX_HEADER_BYTES.
  std::size_t max_bytes = 16 << 10;
  // Distinct field names. MAX_HEADER_COUNT.
  std::size_t max_count = 100;
};

// Throws AppError(kHeadersTooLarge) past `limits`, AppError(kValidation)
// for a value that is not text.
void check_header_fields(const Pistache::Http::Request& request, const HeaderLimits& limits);

}  // namespace switchyard::api
