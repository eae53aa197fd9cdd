#pragma once
// StreamQuery: the parameters of one SSE subscription, from either door (the API
// port or WS_PORT): `types`, `service` and the resume point, Last-Event-ID (or
// `last_event_id=` for clients that cannot set a header). Parsed before anything
// is streamed, so a bad one answers 400 in the route's error format.
#include <cstdint>
#include <optional>
#include <string>

#include "events/event_selection.hpp"

namespace switchyard::api::events {

struct StreamQuery {
  EventSelection selection;
  std::optional<std::uint64_t> last_id;
  std::string raw_last_id;  // as sent, for the reset event

  // Throws AppError(kValidation) for a refused list, service or id.
  static StreamQuery parse(const std::optional<std::string>& types,
                           const std::optional<std::string>& service,
                           const std::optional<std::string>& last_event_id);
};

}  // namespace switchyard::api::events
