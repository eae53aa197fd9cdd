#include "events/event_wire.hpp"

#include <fmt/format.h>

namespace switchyard::api::events {

std::string sse_event(const StreamEvent& event) {
  return fmt::format("id: {}\nevent: {}\ndata: {}\n\n", event.id, event.type, event.data);
}

std::string sse_reset(std::string_view last_event_id) {
  // last_event_id was checked to be decimal digits: no quoting needed.
  return fmt::format("event: reset\ndata: {{\"last_event_id\":\"{}\"}}\n\n", last_event_id);
}

std::string sse_keep_alive() { return ": keep-alive\n\n"; }

std::string websocket_event(const StreamEvent& event) {
  // The type passed event_from_message's check (a-z0-9._-): no escaping needed.
  return fmt::format(R"({{"id":{},"type":"{}","data":{}}})", event.id, event.type, event.data);
}

std::string websocket_notice(std::string_view type, std::string_view fields_json) {
  if (fields_json.empty()) return fmt::format(R"({{"type":"{}"}})", type);
  return fmt::format(R"({{"type":"{}",{}}})", type, fields_json);
}

}  // namespace switchyard::api::events
