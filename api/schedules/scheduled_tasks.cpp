#include "schedules/scheduled_tasks.hpp"

#include "domain/schedules/schedule_definition.hpp"
#include "domain/schedules/schedules_kinds.hpp"
#include "envelope/internal_task.hpp"
#include "envelope/task_id.hpp"
#include "envelope/timestamp.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/schedules/schedules_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::schedules;
using domain::schedules::FieldError;
using domain::schedules::ScheduleDefinition;

constexpr int kMaxPage = 100;

AppError invalid(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kUnprocessable, "Validation failed", field_error(field, message));
}

ScheduleDefinition definition_of(const rapidjson::Value& body) {
  try {
    return domain::schedules::parse_schedule_definition(body);
  } catch (const FieldError& e) {
    throw invalid(e.field(), e.what());
  }
}

// The task a schedule publishes must be a public action of services.yaml: a
// schedule is no way around POST /api/v1/tasks's refusal of internal services.
void check_target(const config::ServicesConfig& services, const ScheduleDefinition& d) {
  const config::ServiceConfig* service = services.find_service(d.service);
  if (!service) throw invalid("service", "is not a service of this deployment");
  if (service->internal) throw invalid("service", "is internal to the platform");
  if (!services.find_action(d.service, d.action)) {
    throw invalid("action", "is not an action of service " + d.service);
  }
}

std::string id_payload(const std::string& id) { return json::string_object({{"id", id}}); }

}  // namespace

void ScheduledTasks::list(RequestContext& context) {
  const int skip = query_int(context, "skip", 0, 0, 1'000'000'000);
  const int limit = query_int(context, "limit", 20, 1, kMaxPage);
  context.responder.json(Http::Code::Ok, pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_schedules(tx, skip, limit);
  }));
}

void ScheduledTasks::get(RequestContext& context) {
  const std::string id = path_string(context, "task_id");
  const auto item =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_schedule(tx, id); });
  if (!item) throw AppError(ErrorCode::kNotFound, "No such scheduled task");
  context.responder.json(Http::Code::Ok, *item);
}

void ScheduledTasks::create(RequestContext& context) {
  rapidjson::Document body = json_object_body(context);
  if (!body.HasMember("id") || body["id"].IsNull()) {
    body.RemoveMember("id");
    body.AddMember("id", rapidjson::Value(envelope::new_task_id().c_str(), body.GetAllocator()),
                   body.GetAllocator());
  }
  const ScheduleDefinition d = definition_of(body);
  check_target(services_, d);
  auto responder = context.answer_later();
  writer_.write(responder, kinds::schedules::kCreate, d.to_json(), context.principal->name,
                [](Responder& r, const std::string& item) { r.json(Http::Code::Created, item); });
}

std::string ScheduledTasks::user_schedule(const std::string& id) {
  const auto item =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_schedule(tx, id); });
  if (!item) throw AppError(ErrorCode::kNotFound, "No such scheduled task");
  rapidjson::Document stored;
  stored.Parse(item->c_str());
  if (stored.IsObject() && stored.HasMember("builtin") && stored["builtin"].IsTrue()) {
    throw AppError(ErrorCode::kConflict, "A built-in task of the platform cannot be changed");
  }
  return *item;
}

void ScheduledTasks::update(RequestContext& context) {
  const std::string id = path_string(context, "task_id");
  const rapidjson::Document body = json_object_body(context);
  if (auto given = body.FindMember("id");
      given != body.MemberEnd() && !(given->value.IsString() && given->value.GetString() == id)) {
    throw invalid("id", "cannot be changed");
  }
  // The stored definition with the body's fields over it; a new type drops the
  // old type's timing fields.
  rapidjson::Document merged;
  merged.Parse(user_schedule(id).c_str());
  if (auto type = body.FindMember("type");
      type != body.MemberEnd() && !(type->value == merged["type"])) {
    for (const char* field : {"schedule", "timezone", "interval", "run_at"}) {
      merged.RemoveMember(field);
    }
  }
  for (const auto& m : body.GetObject()) {
    merged.RemoveMember(m.name);
    merged.AddMember(rapidjson::Value(m.name, merged.GetAllocator()),
                     rapidjson::Value(m.value, merged.GetAllocator()), merged.GetAllocator());
  }
  const ScheduleDefinition d = definition_of(merged);
  check_target(services_, d);
  auto responder = context.answer_later();
  writer_.write(responder, kinds::schedules::kUpdate, d.to_json(), context.principal->name,
                [](Responder& r, const std::string& item) { r.json(Http::Code::Ok, item); });
}

void ScheduledTasks::remove(RequestContext& context) {
  const std::string id = path_string(context, "task_id");
  user_schedule(id);
  auto responder = context.answer_later();
  writer_.write(responder, kinds::schedules::kDelete, id_payload(id), context.principal->name,
                [](Responder& r, const std::string&) {
                  r.send(Http::Code::No_Content, "", "application/json");
                });
}

void ScheduledTasks::set_state(RequestContext& context, domain::TaskKind kind, const char* status) {
  const std::string id = path_string(context, "task_id");
  user_schedule(id);
  auto responder = context.answer_later();
  writer_.write(responder, kind, id_payload(id), context.principal->name,
                [id, status](Responder& r, const std::string&) {
                  r.json(Http::Code::Ok, json::string_object({{"id", id}, {"status", status}}));
                });
}

void ScheduledTasks::pause(RequestContext& context) {
  set_state(context, kinds::schedules::kPause, "paused");
}

void ScheduledTasks::resume(RequestContext& context) {
  set_state(context, kinds::schedules::kResume, "scheduled");
}

void ScheduledTasks::run(RequestContext& context) {
  const std::string id = path_string(context, "task_id");
  rapidjson::Document stored;
  stored.Parse(user_schedule(id).c_str());
  const ScheduleDefinition d = definition_of(stored);
  check_target(services_, d);  // services.yaml may have changed since
  const domain::TaskKind kind{d.service, d.action};
  const envelope::TaskEnvelope task =
      envelope::internal_task(services_, kind, d.payload_json, "schedule:" + id);
  auto responder = context.answer_later();
  publisher_.publish(task, std::nullopt,
                     [responder, id, started_at = task.submitted_at,
                      task_id = task.id](const amqp::PublishOutcome& outcome) {
                       if (outcome.kind == amqp::PublishOutcome::Kind::kFailed) {
                         responder->error(AppError(ErrorCode::kUnavailable,
                                                   "The message broker is unavailable; retry later",
                                                   {}, outcome.reason));
                         return;
                       }
                       responder->add_header("Location", "/api/v1/tasks/" + task_id);
                       responder->json(Http::Code::Ok,
                                       json::string_object({{"id", id},
                                                            {"status", "running"},
                                                            {"started_at", started_at},
                                                            {"task_id", task_id}}));
                     });
}

}  // namespace switchyard::api
