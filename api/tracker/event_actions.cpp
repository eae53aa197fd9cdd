#include "tracker/event_actions.hpp"

#include "domain/tracker/tracker_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_rows.hpp"

namespace switchyard::api::tracker {
namespace {

namespace repo = storage::tracker;

std::string text(const rapidjson::StringBuffer& buffer) {
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

void require_event_id(const std::string& id) {
  if (!envelope::is_valid_uuid(id)) {
    throw AppError(ErrorCode::kValidation, "id: must be an event id (a UUID)",
                   field_error("id", "must be a UUID"));
  }
}

std::optional<std::string> checked_date(std::optional<std::string> value, const char* name) {
  if (value && !is_iso8601(*value)) {
    throw AppError(ErrorCode::kValidation,
                   std::string(name) + ": must be an ISO 8601 date or date-time",
                   field_error(name, "must be an ISO 8601 date or date-time"));
  }
  return value;
}

Event EventActions::get(const std::string& id) const {
  require_event_id(id);
  auto event = pool_.read([&](pqxx::read_transaction& tx) { return repo::find_event(tx, id); });
  if (!event) throw AppError(ErrorCode::kNotFound, "event " + id + " not found");
  return std::move(*event);
}

void EventActions::create(const rapidjson::Value& body, const std::string& caller,
                          Settled<Event> done) {
  publishing(std::move(done), [&](Settled<Event> settled) {
    const std::string id = envelope::new_task_id();
    rapidjson::StringBuffer buffer;
    RowWriter row(buffer);
    row.StartObject();
    read_event_row(body, row, true);
    row.Key("id");
    row.String(id.c_str());
    row.Key("created_by");
    row.String(caller.c_str());
    row.EndObject();
    writer_.submit(kinds::tracker::kCreateEvent, text(buffer), caller,
                   settle(std::move(settled), [this, id](const std::string&) { return get(id); }));
  });
}

void EventActions::update(const rapidjson::Value& body, const std::string& caller,
                          Settled<Event> done) {
  publishing(std::move(done), [&](Settled<Event> settled) {
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
    writer_.submit(kinds::tracker::kUpdateEvent, text(payload), caller,
                   settle(std::move(settled), [this, id](const std::string&) { return get(id); }));
  });
}

void EventActions::remove(const std::string& id, const std::string& caller,
                          Settled<std::string> done) {
  publishing(std::move(done), [&](Settled<std::string> settled) {
    require_event_id(id);
    writer_.submit(kinds::tracker::kDeleteEvent, "{\"id\":\"" + id + "\"}", caller,
                   settle(std::move(settled), [id](const std::string&) { return id; }));
  });
}

repo::EventPage EventActions::page(const repo::EventFilter& filter, const Paging& paging,
                                   const std::optional<std::string>& page_token) const {
  if (page_token && !envelope::is_valid_uuid(*page_token)) {
    throw AppError(ErrorCode::kValidation, "page_token: must be a nextPageToken of a previous page",
                   field_error("page_token", "must be a nextPageToken of a previous page"));
  }
  return pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_events(tx, filter, paging.per_page, paging.offset(), page_token);
  });
}

}  // namespace switchyard::api::tracker
