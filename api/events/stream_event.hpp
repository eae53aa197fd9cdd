#pragma once
// StreamEvent: one event of the live stream (docs/console.md "Live events"), as a
// subscriber receives it: its id (increasing per API process), its type (the
// routing key it was published with on the `events` exchange) and its body as one
// line of JSON. A task's service and submitted_by are kept apart for the filters
// and the permission check, so neither re-reads the body per subscriber.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::api::events {

struct StreamEvent {
  std::uint64_t id = 0;
  std::string type;
  std::string data;          // one-line JSON object
  std::string service;       // task events: the task's service, else empty
  std::string submitted_by;  // task events: who submitted the task, else empty
  std::chrono::steady_clock::time_point received{};
};

using SharedEvent = std::shared_ptr<const StreamEvent>;

// The event of a message published with `routing_key` and `body`, without its id;
// nullopt for a body that is not a JSON object or a routing key that no event
// type can be (the stream forwards nothing it cannot describe).
std::optional<StreamEvent> event_from_message(std::string_view routing_key, std::string_view body);

}  // namespace switchyard::api::events
