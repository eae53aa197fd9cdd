#include "domain/failure_kind.hpp"

namespace switchyard::domain {

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::kInternalError:
      return "internal_error";
    case FailureKind::kTimeout:
      return "timeout";
    case FailureKind::kNoHandler:
      return "no_handler";
    case FailureKind::kBadPayload:
      return "bad_payload";
    case FailureKind::kRequestedFailure:
      return "requested_failure";
    case FailureKind::kNotFound:
      return "not_found";
    case FailureKind::kForbidden:
      return "forbidden";
    case FailureKind::kConflict:
      return "conflict";
    case FailureKind::kNotConfigured:
      return "not_configured";
    case FailureKind::kValidation:
      return "validation";
    case FailureKind::kUpstreamUnavailable:
      return "upstream_unavailable";
    case FailureKind::kUpstreamRefused:
      return "upstream_refused";
  }
  return "internal_error";
}

std::optional<FailureKind> parse_failure_kind(std::string_view text) {
  for (FailureKind kind : kAllFailureKinds) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

}  // namespace switchyard::domain
