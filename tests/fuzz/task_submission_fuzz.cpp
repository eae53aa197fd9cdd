// libFuzzer target: the body of POST /api/v1/tasks, read as the handler reads it
// (handlers/tasks/task_submission.cpp): JsonSchema::parse with the embedded task
// submission schema, then the handler's field reads (which trust the schema) and
// the envelope it publishes, decoded again as a worker decodes it.
// A body is refused with AppError or accepted whole. Findings: any other exception,
// a crash or sanitizer report (RapidJSON's asserts included), an accepted body whose
// envelope the worker cannot decode or decodes differently.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "envelope/task_envelope.hpp"
#include "errors/app_error.hpp"
#include "fuzz_check.hpp"
#include "http/json_schema.hpp"
#include "switchyard_api_core_embedded.hpp"

namespace {

using switchyard::fuzz::check;
namespace envelope = switchyard::envelope;

const switchyard::api::JsonSchema& task_submission_schema() {
  static const switchyard::api::JsonSchema schema(switchyard::api::embedded::kTaskSubmission);
  return schema;
}

int int_or(const rapidjson::Document& doc, const char* key, int fallback) {
  auto it = doc.FindMember(key);
  return it == doc.MemberEnd() ? fallback : it->value.GetInt();
}

// The envelope the handler publishes for `body` (handle(), minus the broker).
envelope::TaskEnvelope envelope_of(const rapidjson::Document& body) {
  envelope::TaskEnvelope task;
  task.id = "01890a5d-ac96-774b-bcce-b302099a8057";
  task.service = body["service"].GetString();
  task.action = body["action"].GetString();
  if (auto payload = body.FindMember("payload"); payload != body.MemberEnd()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    payload->value.Accept(writer);
    task.payload_json.assign(buffer.GetString(), buffer.GetSize());
  }
  task.submitted_at = "2024-01-15T10:30:00.123Z";
  task.submitted_by = "fuzz";
  task.priority = int_or(body, "priority", 0);
  task.max_attempts = int_or(body, "max_attempts", 3);
  task.timeout_ms = int_or(body, "timeout_ms", 30000);
  if (auto it = body.FindMember("idempotency_key"); it != body.MemberEnd()) {
    task.idempotency_key = std::string(it->value.GetString(), it->value.GetStringLength());
  }
  return task;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  rapidjson::Document document;
  try {
    document = task_submission_schema().parse(body);
  } catch (const switchyard::AppError&) {
    return 0;
  }
  const envelope::TaskEnvelope published = envelope_of(document);
  envelope::TaskEnvelope received;
  try {
    received = envelope::parse_task_envelope(envelope::to_json(published));
  } catch (const envelope::EnvelopeError& e) {
    check(false, std::string("an accepted task's envelope does not decode: ") + e.what());
  }
  check(received.service == published.service && received.action == published.action,
        "the decoded envelope names another service or action");
  check(received.payload_json == published.payload_json,
        "the decoded envelope carries another payload");
  check(received.priority == published.priority &&
            received.max_attempts == published.max_attempts &&
            received.timeout_ms == published.timeout_ms &&
            received.idempotency_key == published.idempotency_key,
        "the decoded envelope carries other settings");
  return 0;
}
