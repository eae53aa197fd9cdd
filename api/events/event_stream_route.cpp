#include "events/event_stream_route.hpp"

#include <unistd.h>

#include "errors/app_error.hpp"

namespace switchyard::api::events {

void EventStreamRoute::stream(RequestContext& context) {
  EventStreamServer* server = server_.load();
  if (server == nullptr) {
    throw AppError(ErrorCode::kUnavailable, "The event stream is starting; try again.");
  }
  auto last_id = context.header("Last-Event-ID");
  if (!last_id) last_id = context.query("last_event_id");
  StreamQuery query = StreamQuery::parse(context.query("types"), context.query("service"), last_id);
  const int fd = context.responder.detach_socket();
  if (fd < 0) return;  // the client left
  server->adopt_sse(fd, *context.principal, std::move(query));
}

}  // namespace switchyard::api::events
