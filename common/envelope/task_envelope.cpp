#include "envelope/task_envelope.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "envelope/task_id.hpp"
#include "json/json_fields.hpp"
#include "json/shallow_scan.hpp"
#include "trace/trace_context.hpp"

namespace switchyard::envelope {
namespace {

using json::optional_field;
using json::string_field;
using json::Writer;

std::string required_string(const rapidjson::Value& doc, const char* key) {
  auto it = doc.FindMember(key);
  if (it == doc.MemberEnd() || !it->value.IsString()) {
    throw EnvelopeError(fmt::format("task envelope: \"{}\" must be a string", key));
  }
  return {it->value.GetString(), it->value.GetStringLength()};
}

int optional_int(const rapidjson::Value& doc, const char* key, int fallback) {
  auto it = doc.FindMember(key);
  if (it == doc.MemberEnd() || it->value.IsNull()) return fallback;
  if (!it->value.IsInt())
    throw EnvelopeError(fmt::format("task envelope: \"{}\" must be an integer", key));
  return it->value.GetInt();
}

std::optional<std::string> optional_string(const rapidjson::Value& doc, const char* key) {
  auto it = doc.FindMember(key);
  if (it == doc.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsString())
    throw EnvelopeError(fmt::format("task envelope: \"{}\" must be a string", key));
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

std::string to_json(const TaskEnvelope& task) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  string_field(w, "id", task.id);
  string_field(w, "service", task.service);
  string_field(w, "action", task.action);
  w.Key("payload");
  w.RawValue(task.payload_json.c_str(), task.payload_json.size(), rapidjson::kObjectType);
  json::timestamp_field(w, "submitted_at", task.submitted_at);
  string_field(w, "submitted_by", task.submitted_by);
  w.Key("attempt");
  w.Int(task.attempt);
  w.Key("max_attempts");
  w.Int(task.max_attempts);
  w.Key("timeout_ms");
  w.Int(task.timeout_ms);
  w.Key("priority");
  w.Int(task.priority);
  optional_field(w, "idempotency_key", task.idempotency_key);
  optional_field(w, "callback_url", task.callback_url);
  if (task.run_at) json::timestamp_field(w, "run_at", *task.run_at);
  if (task.redact_payload) {
    w.Key("redact_payload");
    w.Bool(true);
  }
  if (task.workflow_id) optional_field(w, "workflow_id", task.workflow_id);
  if (task.step_id) optional_field(w, "step_id", task.step_id);
  if (task.traceparent) optional_field(w, "traceparent", task.traceparent);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

TaskEnvelope parse_task_envelope(std::string_view body) {
  // RapidJSON would stop reading at a raw NUL byte, and libpq would cut the text
  // there when the envelope is written.
  if (body.find('\0') != std::string_view::npos) {
    throw EnvelopeError("task envelope: a raw NUL byte in the body");
  }
  // Checked before the recursive parse, whose stack a deeper body would overflow.
  if (json::nests_deeper_than(body, kMaxEnvelopeDepth)) {
    throw EnvelopeError(
        fmt::format("task envelope: nested deeper than {} levels", kMaxEnvelopeDepth));
  }
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    throw EnvelopeError("task envelope: the body is not a JSON object");
  }
  TaskEnvelope task;
  task.id = required_string(doc, "id");
  task.service = required_string(doc, "service");
  task.action = required_string(doc, "action");
  if (!is_valid_uuid(task.id)) throw EnvelopeError("task envelope: \"id\" must be a UUID");
  if (task.service.empty() || task.action.empty()) {
    throw EnvelopeError("task envelope: \"service\" and \"action\" must not be empty");
  }
  if (auto it = doc.FindMember("payload"); it != doc.MemberEnd() && !it->value.IsNull()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    it->value.Accept(w);
    task.payload_json.assign(buffer.GetString(), buffer.GetSize());
  }
  task.submitted_at = optional_string(doc, "submitted_at").value_or("");
  task.submitted_by = optional_string(doc, "submitted_by").value_or("");
  task.attempt = optional_int(doc, "attempt", 1);
  task.max_attempts = optional_int(doc, "max_attempts", 1);
  task.timeout_ms = optional_int(doc, "timeout_ms", 30000);
  task.priority = optional_int(doc, "priority", 0);
  task.idempotency_key = optional_string(doc, "idempotency_key");
  task.callback_url = optional_string(doc, "callback_url");
  task.run_at = optional_string(doc, "run_at");
  task.workflow_id = optional_string(doc, "workflow_id");
  if (task.workflow_id && !is_valid_uuid(*task.workflow_id)) {
    throw EnvelopeError("task envelope: \"workflow_id\" must be a UUID");
  }
  task.step_id = optional_string(doc, "step_id");
  if (auto it = doc.FindMember("traceparent"); it != doc.MemberEnd() && it->value.IsString()) {
    const std::string_view header(it->value.GetString(), it->value.GetStringLength());
    if (trace::TraceContext::parse(header)) task.traceparent = std::string(header);
  }
  if (auto it = doc.FindMember("redact_payload"); it != doc.MemberEnd() && it->value.IsBool()) {
    task.redact_payload = it->value.GetBool();
  }
  return task;
}

}  // namespace switchyard::envelope
