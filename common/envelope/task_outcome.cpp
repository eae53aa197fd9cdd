#include "envelope/task_outcome.hpp"

#include "json/json_fields.hpp"

namespace switchyard::envelope {
namespace {

using json::optional_field;
using json::raw_field;
using json::string_field;
using json::Writer;

void common_fields(Writer& w, const TaskOutcome& o) {
  const TaskEnvelope& t = o.task;
  string_field(w, "id", t.id);
  string_field(w, "service", t.service);
  string_field(w, "action", t.action);
  string_field(w, "status", domain::to_string(o.status));
  w.Key("max_attempts");
  w.Int(t.max_attempts);
  w.Key("priority");
  w.Int(t.priority);
  w.Key("timeout_ms");
  w.Int(t.timeout_ms);
  raw_field(w, "payload", t.redact_payload ? R"({"redacted":true})" : t.payload_json);
  raw_field(w, "result", o.result_json);
  raw_field(w, "error", o.error_json);
  optional_field(w, "idempotency_key", t.idempotency_key);
  optional_field(w, "callback_url", t.callback_url);
  string_field(w, "submitted_by", t.submitted_by);
  json::timestamp_field(w, "submitted_at", t.submitted_at);
}

}  // namespace

void append_outcome_record(std::string& out, const TaskOutcome& outcome) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  common_fields(w, outcome);
  w.Key("attempt");
  w.Int(outcome.task.attempt);
  json::timestamp_field(w, "started_at", outcome.started_at);
  if (outcome.retry_delay.count() > 0) {
    w.Key("retry_delay_ms");
    w.Int64(outcome.retry_delay.count());
  }
  if (outcome.task.traceparent) optional_field(w, "traceparent", outcome.task.traceparent);
  w.EndObject();
  if (out.size() > 1) out.push_back(',');
  out.append(buffer.GetString(), buffer.GetSize());
}

std::string to_reply_json(const TaskOutcome& outcome) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  common_fields(w, outcome);
  w.Key("attempts");
  w.Int(outcome.task.attempt);
  json::timestamp_field(w, "started_at", outcome.started_at);
  json::timestamp_field(w, "finished_at", outcome.finished_at);
  w.Key("trace_id");  // as GET shows it: the trace id of the traceparent
  if (outcome.task.traceparent && outcome.task.traceparent->size() == 55) {
    w.String(outcome.task.traceparent->c_str() + 3, 32);
  } else {
    w.Null();
  }
  w.Key("links");
  w.StartObject();
  const std::string self = "/api/v1/tasks/" + outcome.task.id;
  string_field(w, "self", self);
  string_field(w, "cancel", self + "/cancel");
  w.EndObject();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string error_json(std::string_view type, std::string_view message) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  string_field(w, "type", type);
  string_field(w, "message", message);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string error_json(domain::FailureKind kind, std::string_view message) {
  return error_json(to_string(kind), message);
}

}  // namespace switchyard::envelope
