#pragma once
// A StreamEvent of `type` as the broker feed hands it to the hub: empty data,
// received now. Shared by the ring's and the hub's tests.
#include <chrono>
#include <string>

#include "events/stream_event.hpp"

namespace switchyard::api::events {

inline StreamEvent received_event(std::string type) {
  StreamEvent e;
  e.type = std::move(type);
  e.data = "{}";
  e.received = std::chrono::steady_clock::now();
  return e;
}

}  // namespace switchyard::api::events
