#pragma once
// FailureKind: why a task failed, the `type` of its error ({"type","message"}).
// The worker's handlers and executor choose one; the task's stored error and its
// reply carry it as text; the API's awaited writes map it back to an HTTP status
// (api/http/awaited_writer.cpp). The text is part of the protocol
// (docs/protocol.md): to_string and parse_failure_kind are the one place it is
// spelled, and a kind's text never changes.
#include <optional>
#include <string_view>

namespace switchyard::domain {

enum class FailureKind {
  kInternalError,        // an exception the handler did not mean: retried
  kTimeout,              // the attempt outlived its timeout_ms
  kNoHandler,            // no handler serves the task's service and action
  kBadPayload,           // the payload lacks a field or has the wrong type (a producer bug)
  kRequestedFailure,     // system.fail and system.flaky fail on purpose
  kNotFound,             // what the write names does not exist
  kForbidden,            // the caller's rights, checked again by the worker, refuse it
  kConflict,             // it clashes with what exists (a name taken, the last admin)
  kNotConfigured,        // this deployment lacks what it needs (a Kubernetes cluster)
  kValidation,           // a value the domain refuses
  kUpstreamUnavailable,  // a remote service the handler called is unreachable: retried
  kUpstreamRefused,      // a remote service the handler called refused the request
};

std::string_view to_string(FailureKind kind);
// nullopt for a text no kind has (an error written by another worker, e.g. workers/js).
std::optional<FailureKind> parse_failure_kind(std::string_view text);

inline constexpr FailureKind kAllFailureKinds[] = {
    FailureKind::kInternalError,       FailureKind::kTimeout,
    FailureKind::kNoHandler,           FailureKind::kBadPayload,
    FailureKind::kRequestedFailure,    FailureKind::kNotFound,
    FailureKind::kForbidden,           FailureKind::kConflict,
    FailureKind::kNotConfigured,       FailureKind::kValidation,
    FailureKind::kUpstreamUnavailable, FailureKind::kUpstreamRefused};

}  // namespace switchyard::domain
