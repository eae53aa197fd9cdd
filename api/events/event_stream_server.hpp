#pragma once
// EventStreamServer: every live stream connection of the process, served on one
// thread with poll():
//   - SSE connections of the API port, taken from Pistache once the route
//     authenticated them (adopt_sse);
//   - its own listener on WS_PORT (default 8002):
//       GET /api/v1/events/stream   Server-Sent Events
//       GET /ws                     WebSocket (RFC 6455), the xcore document's protocol
// Why not Pistache: 0.0.5 cannot hold a response open. The request's timer
// answers 408 and closes the connection in the middle of a stream, a write to a
// peer that left never settles its promise, a write after the fd was reused
// reaches another client, and its write queue has no bound, so a reader that does
// not read would grow the API's memory (docs/console.md "Live events" has the
// experiment). Here every socket is ours: a connection holds at most
// kMaxPendingBytes of written-but-unsent bytes and its Subscription at most
// `max_queued` events; past that it is a slow subscriber and is closed (logged).
// Beyond `max_connections` a new connection gets 503. Nothing but a request head
// (16 KiB) and WebSocket frames of at most 16 KiB is read from a client.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "events/event_hub.hpp"
#include "events/request_head.hpp"
#include "events/stream_query.hpp"
#include "identity/principal.hpp"

namespace switchyard::api {
class Authenticator;
}

namespace switchyard::api::events {

struct StreamServerOptions {
  std::string host = "0.0.0.0";
  std::uint16_t port = 8002;  // WS_PORT; 0: no listener (SSE adopted from the API port only)
  std::size_t max_connections = 1000;     // EVENT_STREAM_MAX_CONNECTIONS
  std::size_t max_queued = 1000;          // EVENT_STREAM_QUEUE, events per subscriber
  std::chrono::seconds keep_alive{15};    // an SSE comment or a WebSocket ping
  std::chrono::seconds auth_timeout{10};  // WebSocket: the auth message must come by then
  std::chrono::seconds head_timeout{10};  // the request head must arrive whole by then
};

class EventStreamServer {
 public:
  EventStreamServer(EventHub& hub, const Authenticator& authenticator, StreamServerOptions options);
  ~EventStreamServer();
  EventStreamServer(const EventStreamServer&) = delete;
  EventStreamServer& operator=(const EventStreamServer&) = delete;

  // Binds (throws when it cannot) and starts serving.
  void start();
  // Closes every connection; safe before start() and twice.
  void stop();
  std::uint16_t port() const { return port_; }
  // Serves the SSE stream on `fd`, a connection the API port took from Pistache
  // after authenticating `principal` (EventStreamRoute); this server owns and
  // closes it. Thread-safe.
  void adopt_sse(int fd, const Principal& principal, StreamQuery query);

 private:
  struct Connection;
  struct Adopted {
    int fd;
    Principal principal;
    StreamQuery query;
  };

  void listen();
  void run();
  void accept_all();
  void read_from(Connection& connection);
  void on_head(Connection& connection, const RequestHead& head);
  void open_sse(Connection& connection, const RequestHead& head);
  void stream_sse(Connection& connection, const Principal& principal, StreamQuery query);
  void take_adopted();
  void hold_until_fed(Connection& connection);
  bool held(const Connection& connection) const;
  void wake();
  void open_websocket(Connection& connection, const RequestHead& head);
  void on_frames(Connection& connection);
  void on_websocket_message(Connection& connection, const std::string& text);
  void subscribe(Connection& connection, const Principal& principal);
  void feed(Connection& connection);
  void write_to(Connection& connection);
  // A new connection on `fd` (accepted, or adopted from the API's route).
  Connection& add_connection(int fd);
  // Past EVENT_STREAM_MAX_CONNECTIONS: answers `added` 503 and says so.
  bool refused_past_capacity(Connection& added);
  void refuse(Connection& connection, int status, std::string_view code_line, std::string_view body,
              std::string_view extra_headers = {});
  void close_websocket(Connection& connection, int code, std::string_view reason);
  void end(Connection& connection, std::string_view why);

  EventHub& hub_;
  const Authenticator& authenticator_;
  const StreamServerOptions options_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::list<std::unique_ptr<Connection>> connections_;
  std::mutex adopted_mutex_;
  std::vector<Adopted> adopted_;
};

}  // namespace switchyard::api::events
