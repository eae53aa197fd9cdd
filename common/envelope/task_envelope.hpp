#pragma once
// The message of one task, as documented in docs/protocol.md: the JSON body that
// every producer publishes and every worker (in any language) consumes.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace switchyard::envelope {

struct TaskEnvelope {
  std::string id;  // UUIDv7, also the AMQP message_id
  std::string service;
  std::string action;
  std::string payload_json = "{}";  // a JSON object, kept as text
  std::string submitted_at;         // RFC 3339
  std::string submitted_by;
  int attempt = 1;
  int max_attempts = 1;
  int timeout_ms = 30000;
  int priority = 0;
  std::optional<std::string> idempotency_key;
  std::optional<std::string> callback_url;
  // A delayed task (RFC 3339): it must not start before. A delivery that arrives
  // earlier waits again in the delay queues (docs/scheduling.md "Delayed tasks").
  std::optional<std::string> run_at;
  // The payload holds a secret (a password hash, a token digest): stored and shown
  // as {"redacted": true}; only the worker that runs the task sees it.
  bool redact_payload = false;
  // Set on the steps of a workflow (and on its start and cancel tasks): the
  // transaction recording the outcome moves the workflow forward
  // (docs/workflows.md).
  std::optional<std::string> workflow_id;
  std::optional<std::string> step_id;
  // The W3C traceparent of the work that published this task (docs/observability.md,
  // "Traces and logs"); absent in envelopes of producers that do not trace. A value
  // that is not a valid traceparent is dropped on parsing, never an error.
  std::optional<std::string> traceparent;

  std::string routing_key() const { return service + "." + action; }
};

class EnvelopeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string to_json(const TaskEnvelope& task);

// How deep an envelope may nest (the payload starts at level 2). The API refuses
// payloads past JSON_MAX_DEPTH (64) up front; this bound protects the consumers
// from other producers, well inside what PostgreSQL's jsonb takes.
constexpr std::size_t kMaxEnvelopeDepth = 128;

// Throws EnvelopeError when the body is not a task envelope (or nests past
// kMaxEnvelopeDepth).
TaskEnvelope parse_task_envelope(std::string_view body);

}  // namespace switchyard::envelope
