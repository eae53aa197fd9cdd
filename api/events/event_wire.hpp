#pragma once
// How an event is written on each wire (docs/console.md "Live events"):
//   SSE        id: <id>\nevent: <type>\ndata: <one-line JSON>\n\n
//   WebSocket  a text frame {"id":<id>,"type":"<type>","data":{...}}
// The ids are decimal integers below 2^53, so JavaScript reads them exactly.
#include <string>
#include <string_view>

#include "events/stream_event.hpp"

namespace switchyard::api::events {

std::string sse_event(const StreamEvent& event);
// Sent first when Last-Event-ID is outside the retention window: the subscriber
// missed events it cannot get back (reload what it shows).
std::string sse_reset(std::string_view last_event_id);
std::string sse_keep_alive();

std::string websocket_event(const StreamEvent& event);
// A message of the server's own: {"type":"<type>"} plus `fields_json`, the members
// of a JSON object without braces ("" for none).
std::string websocket_notice(std::string_view type, std::string_view fields_json);

}  // namespace switchyard::api::events
