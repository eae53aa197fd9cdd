#include "tracker/events.hpp"

#include <rapidjson/document.h>

#include "domain/tracker/tracker_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "storage/tracker/events_repository.hpp"
#include "tracker/tracker_paging.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_json.hpp"
#include "tracker/wire_rows.hpp"

namespace switchyard::api::tracker {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::tracker;
using namespace ::switchyard::tracker;

void require_event_id(const std::string& id) {
  if (!envelope::is_valid_uuid(id)) {
    throw AppError(ErrorCode::kValidation, "id: must be an event id (a UUID)",
                   field_error("id", "must be a UUID"));
  }
}

std::optional<std::string> query_date(const RequestContext& context, const char* name) {
  auto value = context.query(name);
  if (value && !is_iso8601(*value)) {
    throw AppError(ErrorCode::kValidation,
                   std::string(name) + ": must be an ISO 8601 date or date-time",
                   field_error(name, "must be an ISO 8601 date or date-time"));
  }
  return value;
}

}  // namespace

void Events::answer_event(Responder& responder, const std::string& id) {
  const auto event =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_event(tx, id); });
  if (!event) throw AppError(ErrorCode::kNotFound, "event " + id + " not found");
  responder.json(Http::Code::Ok, "{\"event\":" + event_to_wire(*event) + "}");
}

void Events::create(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  const std::string id = envelope::new_task_id();
  rapidjson::StringBuffer buffer;
  RowWriter row(buffer);
  row.StartObject();
  read_event_row(body, row, true);
  row.Key("id");
  row.String(id.c_str());
  row.Key("created_by");
  const std::string by = context.caller_name();
  row.String(by.c_str());
  row.EndObject();
  auto responder = context.answer_later();
  writer_.write(responder, kinds::tracker::kCreateEvent, {buffer.GetString(), buffer.GetSize()}, by,
                [this, id](Responder& r, const std::string&) { answer_event(r, id); });
}

void Events::update(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  const WireObject event(&body, "");
  const rapidjson::Value* id_value = event.find("id");
  if (id_value == nullptr) id_value = event.child("metadata").find("id");
  if (id_value == nullptr || !id_value->IsString()) event.fail("id", "is required");
  const std::string id = id_value->GetString();
  require_event_id(id);
  rapidjson::StringBuffer changes;
  RowWriter row(changes);
  row.StartObject();
  const bool any = read_event_row(body, row, false);
  row.EndObject();
  if (!any) event.fail("attributes", "nothing to change");
  rapidjson::StringBuffer payload;
  RowWriter p(payload);
  p.StartObject();
  p.Key("id");
  p.String(id.c_str());
  p.Key("changes");
  p.RawValue(changes.GetString(), changes.GetSize(), rapidjson::kObjectType);
  p.EndObject();
  auto responder = context.answer_later();
  writer_.write(responder, kinds::tracker::kUpdateEvent, {payload.GetString(), payload.GetSize()},
                context.caller_name(),
                [this, id](Responder& r, const std::string&) { answer_event(r, id); });
}

void Events::get(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_event_id(id);
  answer_event(context.responder, id);
}

void Events::remove(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_event_id(id);
  auto responder = context.answer_later();
  writer_.write(responder, kinds::tracker::kDeleteEvent, "{\"id\":\"" + id + "\"}",
                context.caller_name(), [id](Responder& r, const std::string&) {
                  r.json(Http::Code::Ok, "{\"id\":\"" + id + "\"}");
                });
}

namespace {

void answer_page(RequestContext& context, db::ConnectionPool& pool,
                 const repo::EventFilter& filter) {
  const Paging paging = read_paging(context);
  const auto token = context.query("page_token");
  if (token && !envelope::is_valid_uuid(*token)) {
    throw AppError(ErrorCode::kValidation, "page_token: must be a nextPageToken of a previous page",
                   field_error("page_token", "must be a nextPageToken of a previous page"));
  }
  auto lease = pool.acquire();
  pqxx::read_transaction tx(*lease);
  const repo::EventPage page =
      repo::list_events(tx, filter, paging.per_page, paging.offset(), token);
  std::vector<std::string> items;
  for (const auto& event : page.events) items.push_back(event_to_wire(event));
  const bool full = !page.events.empty() && static_cast<int>(page.events.size()) == paging.per_page;
  context.responder.json(Http::Code::Ok, list_body("events", items, page.total,
                                                   full ? page.events.back().id : std::string()));
}

}  // namespace

void Events::list(RequestContext& context) { answer_page(context, pool_, {}); }

void Events::today(RequestContext& context) {
  repo::EventFilter filter;
  filter.today = true;
  answer_page(context, pool_, filter);
}

void Events::search(RequestContext& context) {
  repo::EventFilter filter;
  filter.source = context.query("source");
  filter.type = enum_query(context.query("type"), "type", kEventType);
  filter.priority = enum_query(context.query("priority"), "priority", kEventPriority);
  filter.status = enum_query(context.query("status"), "status", kEventStatus);
  filter.service = context.query("service");
  filter.environment = enum_query(context.query("environment"), "environment", kEventEnvironment);
  try {
    filter.impact = query_bool(context, "impact");
  } catch (const AppError& e) {  // the tracker answers bad input 400, as the original
    throw AppError(ErrorCode::kValidation, e.public_message(), e.details_json());
  }
  filter.start_date = query_date(context, "start_date");
  filter.end_date = query_date(context, "end_date");
  answer_page(context, pool_, filter);
}

}  // namespace switchyard::api::tracker
