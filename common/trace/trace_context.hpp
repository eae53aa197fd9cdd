#pragma once
// TraceContext: the W3C Trace Context (https://www.w3.org/TR/trace-context/) one
// unit of work runs in — a trace id shared by everything a request causes, the
// span id of this unit, and the trace flags. A request's `traceparent` header is
// taken when it is well formed (version 00, 32 lowercase hex trace id and 16
// lowercase hex parent id, neither all zeros, 2 hex flags); anything else is
// ignored and a new trace starts, so a client can never make a request fail with
// it. The context travels in the task envelope's `traceparent` (docs/protocol.md)
// and in the `traceparent` header of outbound HTTP calls.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::trace {

class TraceContext {
 public:
  // An empty context: no trace (valid() is false).
  TraceContext() = default;

  // The context `header` names, or nullopt when it is not a valid version-00
  // traceparent. span_id() is then the caller's span (the parent).
  static std::optional<TraceContext> parse(std::string_view header);
  // A new trace: random 16-byte trace id and 8-byte span id, sampled.
  static TraceContext start();
  // Continues `header` when it is valid (same trace id and flags, a new span id
  // whose parent it is), else starts a new trace.
  static TraceContext continue_or_start(std::string_view header);

  // The same trace, with a new span id: the context of work this one causes.
  TraceContext child() const;

  bool valid() const { return trace_id_[0] != '\0'; }
  std::string_view trace_id() const { return {trace_id_.data(), valid() ? 32u : 0u}; }
  std::string_view span_id() const { return {span_id_.data(), valid() ? 16u : 0u}; }
  // "00-<trace id>-<span id>-<flags>", or "" when there is no trace.
  std::string header() const;

 private:
  std::array<char, 33> trace_id_{};  // 32 lowercase hex + NUL; empty: no trace
  std::array<char, 17> span_id_{};
  std::array<char, 3> flags_{};
};

}  // namespace switchyard::trace
