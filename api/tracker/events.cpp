#include "tracker/events.hpp"

#include <rapidjson/document.h>

#include "http/request_fields.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_json.hpp"

namespace switchyard::api::tracker {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::tracker;
using namespace ::switchyard::tracker;

// {"event": ...}
Settled<Event> answering_event(std::shared_ptr<Responder> responder) {
  return answering<Event>(std::move(responder), [](Responder& r, const Event& event) {
    r.json(Http::Code::Ok, "{\"event\":" + event_to_wire(event) + "}");
  });
}

}  // namespace

void Events::create(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  actions_.create(body, context.caller_name(), answering_event(context.answer_later()));
}

void Events::update(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  actions_.update(body, context.caller_name(), answering_event(context.answer_later()));
}

void Events::get(RequestContext& context) {
  const Event event = actions_.get(path_string(context, "id"));
  context.responder.json(Http::Code::Ok, "{\"event\":" + event_to_wire(event) + "}");
}

void Events::remove(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_event_id(id);
  actions_.remove(
      id, context.caller_name(),
      answering<std::string>(context.answer_later(), [](Responder& r, const std::string& removed) {
        r.json(Http::Code::Ok, "{\"id\":\"" + removed + "\"}");
      }));
}

void Events::answer_page(RequestContext& context, const repo::EventFilter& filter) {
  const Paging paging = read_paging(context);
  const repo::EventPage page = actions_.page(filter, paging, context.query("page_token"));
  std::vector<std::string> items;
  for (const auto& event : page.events) items.push_back(event_to_wire(event));
  const bool full = !page.events.empty() && static_cast<int>(page.events.size()) == paging.per_page;
  context.responder.json(Http::Code::Ok, list_body("events", items, page.total,
                                                   full ? page.events.back().id : std::string()));
}

void Events::list(RequestContext& context) { answer_page(context, {}); }

void Events::today(RequestContext& context) {
  repo::EventFilter filter;
  filter.today = true;
  answer_page(context, filter);
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
  filter.start_date = checked_date(context.query("start_date"), "start_date");
  filter.end_date = checked_date(context.query("end_date"), "end_date");
  answer_page(context, filter);
}

}  // namespace switchyard::api::tracker
