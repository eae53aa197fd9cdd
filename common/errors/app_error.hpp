#pragma once
// Typed errors shared by every process. An AppError carries a public message (sent
// to the client) apart from an internal one (logged only); api/http/error_body.cpp
// is the one place that turns a code into an HTTP status and a documented body.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace switchyard {

enum class ErrorCode {
  kValidation,        // 400: the request is malformed or breaks the schema
  kUnprocessable,     // 422: well-formed, but a field's value is refused (xcore surfaces)
  kUnauthorized,      // 401: no or bad credentials
  kForbidden,         // 403: credentials without the right
  kNotFound,          // 404
  kMethodNotAllowed,  // 405
  kConflict,          // 409: the state forbids the operation
  kPayloadTooLarge,   // 413
  kUriTooLong,        // 414: a request line past 8 KiB
  kHeadersTooLarge,   // 431: header fields past MAX_HEADER_BYTES or MAX_HEADER_COUNT
  kRateLimited,       // 429
  kBadGateway,        // 502: a remote service we called (Kubernetes API) refused or failed
  kUnavailable,       // 503: a dependency (broker, database) is down
  kInternal,          // 500: a bug
};

std::string_view to_string(ErrorCode code);

class AppError : public std::runtime_error {
 public:
  // `details_json` is a JSON value (object or array) added to the body, or empty.
  AppError(ErrorCode code, std::string public_message, std::string details_json = {},
           const std::string& internal_message = {})
      : std::runtime_error(internal_message.empty() ? public_message : internal_message),
        code_(code),
        public_message_(std::move(public_message)),
        details_json_(std::move(details_json)) {}

  ErrorCode code() const noexcept { return code_; }
  const std::string& public_message() const noexcept { return public_message_; }
  const std::string& details_json() const noexcept { return details_json_; }
  // 429: seconds until the caller may try again (Retry-After, retry_after).
  std::int64_t retry_after() const noexcept { return retry_after_; }
  AppError&& with_retry_after(std::int64_t seconds) && {
    retry_after_ = seconds;
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string public_message_;
  std::string details_json_;
  std::int64_t retry_after_ = 0;
};

}  // namespace switchyard
