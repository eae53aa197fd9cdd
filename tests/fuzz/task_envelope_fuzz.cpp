// libFuzzer target: the task envelope decoder every worker and the listener run
// on a message body (envelope/task_envelope.hpp). A body decodes or throws
// EnvelopeError; what decodes, encoded again with to_json, decodes to the same task
// (what a worker re-publishes for a retry is what it received).
// Findings: any other exception, a crash or sanitizer report, a round trip that
// changes the task.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "fuzz_check.hpp"

namespace {

namespace envelope = switchyard::envelope;
using switchyard::fuzz::check;

bool same_task(const envelope::TaskEnvelope& a, const envelope::TaskEnvelope& b) {
  return a.id == b.id && a.service == b.service && a.action == b.action &&
         a.payload_json == b.payload_json && a.submitted_at == b.submitted_at &&
         a.submitted_by == b.submitted_by && a.attempt == b.attempt &&
         a.max_attempts == b.max_attempts && a.timeout_ms == b.timeout_ms &&
         a.priority == b.priority && a.idempotency_key == b.idempotency_key &&
         a.callback_url == b.callback_url && a.redact_payload == b.redact_payload;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  envelope::TaskEnvelope task;
  try {
    task = envelope::parse_task_envelope(body);
  } catch (const envelope::EnvelopeError&) {
    return 0;
  }
  check(envelope::is_valid_uuid(task.id), "a decoded envelope's id is not a UUID");
  check(!task.service.empty() && !task.action.empty(),
        "a decoded envelope has no service or action");
  envelope::TaskEnvelope again;
  try {
    again = envelope::parse_task_envelope(envelope::to_json(task));
  } catch (const envelope::EnvelopeError& e) {
    check(false, std::string("a decoded envelope, encoded again, does not decode: ") + e.what());
  }
  check(same_task(task, again), "a decoded envelope, encoded again, decodes to another task");
  return 0;
}
