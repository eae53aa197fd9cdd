#pragma once
// EventStreamRoute: GET /api/v1/events/stream on the API port. The route table
// has already authenticated the caller (401 in the xcore format otherwise); this
// checks the query (400 before anything is streamed), then takes the connection
// away from Pistache (Responder::detach_socket) and hands it to the
// EventStreamServer, which writes the event stream on it.
#include <atomic>

#include "events/event_stream_server.hpp"
#include "request_context.hpp"

namespace switchyard::api::events {

class EventStreamRoute {
 public:
  // Until attach(), the route answers 503.
  void attach(EventStreamServer* server) { server_ = server; }
  void stream(RequestContext& context);

 private:
  std::atomic<EventStreamServer*> server_{nullptr};
};

}  // namespace switchyard::api::events
