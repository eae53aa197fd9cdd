#pragma once
// One connection of the EventStreamServer and what its two files share: the
// server's own (accepting, SSE, feeding and writing: event_stream_server.cpp)
// and the WebSocket conversation (event_stream_websocket.cpp).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "events/event_stream_server.hpp"
#include "events/subscription.hpp"

namespace switchyard::api::events {

using Clock = std::chrono::steady_clock;

// How long a closing connection may take to hand its last bytes to the kernel.
inline constexpr auto kLinger = std::chrono::seconds(2);

// req_<16 hex>: the request id of a refusal's body (this listener is not Pistache's).
std::string stream_request_id();
// Now, in seconds since the epoch: what tokens' expiry is checked against.
std::int64_t now_epoch();

struct EventStreamServer::Connection {
  enum class Phase { kHead, kSse, kWebSocketAuth, kWebSocket, kClosing };

  int fd = -1;
  std::string peer;
  bool reads_shut = false;  // handed over by Pistache (Responder::detach_socket)
  Phase phase = Phase::kHead;
  std::string in;
  std::string out;
  std::shared_ptr<Subscription> subscription;
  Clock::time_point deadline;    // head, auth or linger
  Clock::time_point last_write;  // for keep-alives
  Clock::time_point last_check;  // reads_shut: when client_left() was last asked
  // A new stream's first bytes wait for the broker feed until then (held()).
  Clock::time_point held_until;
};

}  // namespace switchyard::api::events
