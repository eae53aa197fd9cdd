#include "errors/app_error.hpp"

namespace switchyard {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
    case ErrorCode::kUnprocessable:
      return "VALIDATION_ERROR";
    case ErrorCode::kUnauthorized:
      return "AUTHENTICATION_ERROR";
    case ErrorCode::kForbidden:
      return "AUTHORIZATION_ERROR";
    case ErrorCode::kNotFound:
      return "NOT_FOUND";
    case ErrorCode::kMethodNotAllowed:
      return "METHOD_NOT_ALLOWED";
    case ErrorCode::kConflict:
      return "CONFLICT";
    case ErrorCode::kPayloadTooLarge:
      return "PAYLOAD_TOO_LARGE";
    case ErrorCode::kUriTooLong:
      return "URI_TOO_LONG";
    case ErrorCode::kHeadersTooLarge:
      return "HEADERS_TOO_LARGE";
    case ErrorCode::kRateLimited:
      return "RATE_LIMIT";
    case ErrorCode::kBadGateway:
      return "UPSTREAM_ERROR";
    case ErrorCode::kUnavailable:
      return "SERVICE_UNAVAILABLE";
    case ErrorCode::kInternal:
      return "INTERNAL_ERROR";
  }
  return "INTERNAL_ERROR";
}

}  // namespace switchyard
