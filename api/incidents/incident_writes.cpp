#include "incidents/incident_writes.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>

#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "incidents/imas_fields.hpp"
#include "incidents/incident_reads.hpp"
#include "incidents/incident_vocabulary.hpp"
#include "incidents/orchestration_plan.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/incident_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace kinds = ::switchyard::kinds::incidents;

// The body as a JSON object; an empty body is {} (every field of the moves is
// optional).
rapidjson::Document optional_body(const RequestContext& context) {
  if (context.request.body().find_first_not_of(" \t\r\n") == std::string::npos) {
    rapidjson::Document empty;
    empty.SetObject();
    return empty;
  }
  return json_object_body(context);
}

void optional_text_field(json::Writer& w, const char* name,
                         const std::optional<std::string>& value) {
  if (value) json::string_field(w, name, *value);
}

// The key of Idempotency-Key, 1 to 255 characters.
std::optional<std::string> idempotency_key(const RequestContext& context) {
  auto key = context.header("Idempotency-Key");
  if (key && (key->empty() || key->size() > 255)) {
    throw invalid_field("Idempotency-Key", "Must be 1 to 255 characters.");
  }
  return key;
}

}  // namespace

void IncidentWrites::publish(RequestContext& context, domain::TaskKind kind,
                             const std::string& payload, Http::Code status) {
  writer_.write(context.answer_later(), kind, payload, context.caller_name(),
                [status](Responder& responder, const std::string& result) {
                  responder.json(status, result);
                });
}

void IncidentWrites::create(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  const auto title =
      read_text(body, "title", {.required = true, .max_length = 200, .allow_blank = false}, errors);
  const auto description = read_text(body, "description", {.max_length = 20000}, errors);
  const auto service = read_uuid(body, "service", true, errors);
  const auto severity = read_choice(body, "severity", kSeverities, false, errors);
  const auto scopes = read_uuid_list(body, "impacted_scopes", 100, errors);
  const auto detected_at = read_datetime(body, "detected_at", false, errors);
  errors.raise_if_any();
  const auto check = pool_.read([&](pqxx::read_transaction& tx) {
    return storage::incidents::check_creation(
        tx, *service, scopes.value_or(std::vector<std::string>{}), detected_at);
  });
  if (!check.service_exists) errors.add("service", "Service with this ID does not exist.");
  for (const auto& scope : check.unknown_scopes) {
    errors.add("impacted_scopes", fmt::format("Invalid pk \"{}\" - object does not exist.", scope));
  }
  if (!check.detected_in_past) errors.add("detected_at", "Detection time cannot be in the future.");
  errors.raise_if_any();

  // One id for the incident, its creation task and its orchestration workflow;
  // derived from an Idempotency-Key, so a retried request is the same incident.
  const std::string caller = context.caller_name();
  const auto key = idempotency_key(context);
  const std::string id =
      key ? envelope::idempotent_task_id("incident:" + caller, *key) : envelope::new_task_id();
  const std::optional<std::string> plan = orchestration_plan(id, services_);

  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "id", id);
  if (plan) json::string_field(w, "workflow_id", id);
  json::string_field(w, "title", *title);
  optional_text_field(w, "description", description);
  json::string_field(w, "severity", severity ? *severity : std::string(kDefaultSeverity));
  json::string_field(w, "service", *service);
  w.Key("impacted_scopes");
  w.StartArray();
  for (const auto& scope : scopes.value_or(std::vector<std::string>{})) w.String(scope.c_str());
  w.EndArray();
  optional_text_field(w, "detected_at", detected_at);
  if (context.principal != nullptr && context.principal->kind == Principal::Kind::kUser) {
    w.Key("lead_id");
    w.Int64(context.principal->user_id);
  }
  if (plan) {
    w.Key("orchestration");
    w.RawValue(plan->c_str(), plan->size(), rapidjson::kObjectType);
  }
  w.EndObject();

  envelope::TaskEnvelope task =
      writer_.task_for(kinds::kCreateIncident, {buffer.GetString(), buffer.GetSize()}, caller);
  task.id = id;
  if (plan) task.workflow_id = id;
  auto responder = context.answer_later();
  writer_.submit(
      task, {[responder, title = *title](const std::string& result) {
               rapidjson::Document stored;
               stored.Parse(result.c_str());
               const std::string created_id = stored["id"].GetString();
               responder->add_header("Location", "/api/v1/incidents/" + created_id + "/");
               rapidjson::StringBuffer answer;
               json::Writer out(answer);
               out.StartObject();
               json::string_field(out, "id", created_id);
               json::string_field(out, "short_id", stored["short_id"].GetString());
               json::string_field(out, "title", title);
               json::string_field(out, "status", "TRIGGERED");
               out.Key("war_room_link");
               out.Null();
               out.Key("lid_link");
               out.Null();
               json::string_field(out, "message", "Incident created. Orchestration in progress...");
               out.EndObject();
               responder->json(Http::Code::Created, {answer.GetString(), answer.GetSize()});
             },
             [responder](const std::string& task_id) { answer_queued(*responder, task_id); },
             [responder](const AppError& error) { responder->error(error); }});
}

void IncidentWrites::move(RequestContext& context, domain::TaskKind kind,
                          std::initializer_list<NoteField> fields) {
  const rapidjson::Document body = optional_body(context);
  FieldErrors errors;
  std::vector<std::pair<const char*, std::optional<std::string>>> notes;
  for (const auto& field : fields) {
    notes.emplace_back(field.name,
                       read_text(body, field.name, {.max_length = field.max_length}, errors));
  }
  errors.raise_if_any();
  const std::string id = incident_id_of(context, pool_);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "id", id);
  for (const auto& [name, value] : notes) optional_text_field(w, name, value);
  w.EndObject();
  publish(context, kind, {buffer.GetString(), buffer.GetSize()}, Http::Code::Ok);
}

void IncidentWrites::acknowledge(RequestContext& context) {
  move(context, kinds::kAcknowledgeIncident, {{"message", 2000}});
}

void IncidentWrites::mitigate(RequestContext& context) {
  move(context, kinds::kMitigateIncident, {{"message", 2000}});
}

void IncidentWrites::resolve(RequestContext& context) {
  move(context, kinds::kResolveIncident, {{"resolution_note", 20000}, {"root_cause", 2000}});
}

void IncidentWrites::comment(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  const auto content = read_text(
      body, "content", {.required = true, .max_length = 10000, .allow_blank = false}, errors);
  const auto type = read_choice(body, "comment_type", kCommentTypes, false, errors);
  errors.raise_if_any();
  const std::string id = incident_id_of(context, pool_);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "id", id);
  json::string_field(w, "comment_id", envelope::new_task_id());
  json::string_field(w, "content", *content);
  json::string_field(w, "comment_type", type ? *type : std::string("note"));
  w.EndObject();
  publish(context, kinds::kAddComment, {buffer.GetString(), buffer.GetSize()}, Http::Code::Created);
}

void IncidentWrites::tag(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  std::vector<std::string> names;
  const auto tags = body.FindMember("tags");
  if (tags == body.MemberEnd() || tags->value.IsNull()) {
    errors.add("tags", "This field is required.");
  } else if (!tags->value.IsArray() || tags->value.Empty() || tags->value.Size() > 20) {
    errors.add("tags", "Expected a list of 1 to 20 tag names.");
  } else {
    for (const auto& item : tags->value.GetArray()) {
      auto name = tag_name(item);
      if (!name) {
        errors.add("tags", "Each tag is a name of 1 to 100 characters.");
        break;
      }
      names.push_back(std::move(*name));
    }
  }
  errors.raise_if_any();
  const std::string id = incident_id_of(context, pool_);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "id", id);
  w.Key("tags");
  w.StartArray();
  for (const auto& name : names)
    w.String(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
  w.EndArray();
  w.EndObject();
  publish(context, kinds::kAddTags, {buffer.GetString(), buffer.GetSize()}, Http::Code::Ok);
}

}  // namespace switchyard::api::incidents
