#include "events/event_stream_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <random>
#include <stdexcept>
#include <vector>

#include "errors/app_error.hpp"
#include "events/event_wire.hpp"
#include "events/stream_connection.hpp"
#include "events/stream_query.hpp"
#include "events/websocket_frames.hpp"
#include "http/error_body.hpp"
#include "identity/authenticator.hpp"

namespace switchyard::api::events {
namespace {

constexpr std::string_view kStreamPath = "/api/v1/events/stream";
constexpr std::string_view kWebSocketPath = "/ws";
// Bytes written but not yet taken by the kernel; new events wait in the
// Subscription past this.
constexpr std::size_t kMaxPendingBytes = 64 << 10;
// The kernel's share of a slow reader, per connection.
constexpr int kSendBuffer = 64 << 10;
// How long a new stream waits for the broker feed (hold_until_fed).
constexpr auto kFeedWait = std::chrono::seconds(3);

std::string peer_name(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return "?";
  char text[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
  return fmt::format("{}:{}", text, ntohs(address.sin_port));
}

// Whether the client of a connection whose reading side is shut has left: such a
// socket reads as ended whatever the client does, so its TCP state tells
// (CLOSE_WAIT once the client's FIN came; CLOSE after a reset).
bool client_left(int fd) {
  tcp_info info{};
  socklen_t length = sizeof info;
  if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0) return true;
  return info.tcpi_state == TCP_CLOSE_WAIT || info.tcpi_state == TCP_CLOSE;
}

}  // namespace

std::string stream_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("req_{:016x}", rng());
}

std::int64_t now_epoch() { return static_cast<std::int64_t>(std::time(nullptr)); }

EventStreamServer::EventStreamServer(EventHub& hub, const Authenticator& authenticator,
                                     StreamServerOptions options)
    : hub_(hub), authenticator_(authenticator), options_(std::move(options)) {}

EventStreamServer::~EventStreamServer() { stop(); }

void EventStreamServer::start() {
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw std::runtime_error("event stream: eventfd() failed");
  if (options_.port != 0) listen();
  thread_ = std::thread([this] { run(); });
}

void EventStreamServer::listen() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("event stream: socket() failed");
  const int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(options_.port);
  if (::inet_pton(AF_INET, options_.host.c_str(), &address.sin_addr) != 1) {
    throw std::runtime_error("event stream: API_HOST is not an IPv4 address: " + options_.host);
  }
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listen_fd_, 128) != 0) {
    const int error = errno;
    ::close(listen_fd_);
    listen_fd_ = -1;
    throw std::runtime_error(fmt::format("event stream: cannot listen on {}:{}: {}", options_.host,
                                         options_.port, std::strerror(error)));
  }
  socklen_t length = sizeof address;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
}

void EventStreamServer::stop() {
  stopping_ = true;
  if (wake_fd_ >= 0) wake();
  if (thread_.joinable()) thread_.join();
  for (auto& connection : connections_) {
    if (connection->subscription) hub_.leave(connection->subscription);
    ::close(connection->fd);
  }
  connections_.clear();
  for (const auto& handed : adopted_) ::close(handed.fd);
  adopted_.clear();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
  listen_fd_ = wake_fd_ = -1;
}

void EventStreamServer::run() {
  std::vector<pollfd> fds;
  std::vector<Connection*> polled;
  while (!stopping_) {
    fds.clear();
    polled.clear();
    fds.push_back({listen_fd_, POLLIN, 0});
    fds.push_back({wake_fd_, POLLIN, 0});
    bool any_held = false;
    for (auto& connection : connections_) {
      // A connection taken from Pistache has its reading side shut: always readable.
      const bool reads =
          connection->phase != Connection::Phase::kClosing && !connection->reads_shut;
      short events = reads ? POLLIN : 0;
      const bool waits = held(*connection);
      any_held = any_held || waits;
      if (!connection->out.empty() && !waits) events |= POLLOUT;
      fds.push_back({connection->fd, events, 0});
      polled.push_back(connection.get());
    }
    // The feed says nothing when it is bound: held streams look again soon.
    ::poll(fds.data(), fds.size(), any_held ? 20 : 1000);
    if (stopping_) break;
    if (fds[1].revents & POLLIN) {
      std::uint64_t count = 0;
      [[maybe_unused]] auto read = ::read(wake_fd_, &count, sizeof count);
    }
    for (std::size_t i = 0; i < polled.size(); ++i) {
      Connection& connection = *polled[i];
      const short revents = fds[i + 2].revents;
      if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
        end(connection, "");
        continue;
      }
      if (revents & POLLIN) read_from(connection);
      if (connection.fd >= 0) feed(connection);
      if (connection.fd >= 0 && !connection.out.empty() && !held(connection)) write_to(connection);
    }
    connections_.remove_if([](const auto& connection) { return connection->fd < 0; });
    if (fds[0].revents & POLLIN) accept_all();
    if (fds[1].revents & POLLIN) take_adopted();
  }
}

void EventStreamServer::accept_all() {
  while (true) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    const int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    Connection& added = add_connection(fd);
    added.deadline = Clock::now() + options_.head_timeout;
    refused_past_capacity(added);
  }
}

EventStreamServer::Connection& EventStreamServer::add_connection(int fd) {
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &kSendBuffer, sizeof kSendBuffer);
  auto connection = std::make_unique<Connection>();
  connection->fd = fd;
  connection->peer = peer_name(fd);
  connection->last_write = Clock::now();
  return *connections_.emplace_back(std::move(connection));
}

bool EventStreamServer::refused_past_capacity(Connection& added) {
  if (connections_.size() <= options_.max_connections) return false;
  spdlog::warn("event stream: {} connections, refusing {}", connections_.size() - 1, added.peer);
  refuse(added, 503, "Service Unavailable",
         error_body(ErrorCode::kUnavailable, "Too many event stream connections; try later.", "",
                    stream_request_id(), 5),
         "Retry-After: 5\r\n");
  return true;
}

void EventStreamServer::read_from(Connection& connection) {
  char buffer[16384];
  while (connection.fd >= 0) {
    const ssize_t n = ::recv(connection.fd, buffer, sizeof buffer, 0);
    if (n == 0) return end(connection, "");
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) end(connection, "");
      return;
    }
    if (connection.phase == Connection::Phase::kSse ||
        connection.phase == Connection::Phase::kClosing) {
      continue;  // an SSE client has nothing more to say
    }
    connection.in.append(buffer, static_cast<std::size_t>(n));
    if (connection.phase == Connection::Phase::kHead) {
      RequestHead head;
      std::size_t consumed = 0;
      const auto parsed = parse_request_head(connection.in, head, consumed);
      if (parsed == HeadParse::kIncomplete) continue;
      if (parsed == HeadParse::kTooLarge) {
        return refuse(connection, 431, "Request Header Fields Too Large",
                      error_body(ErrorCode::kHeadersTooLarge, "The request head is too large.", "",
                                 stream_request_id()));
      }
      if (parsed == HeadParse::kMalformed) {
        return refuse(
            connection, 400, "Bad Request",
            error_body(ErrorCode::kValidation, "Malformed request head.", "", stream_request_id()));
      }
      connection.in.erase(0, consumed);
      on_head(connection, head);
    } else {
      on_frames(connection);
    }
  }
}

void EventStreamServer::on_head(Connection& connection, const RequestHead& head) {
  try {
    if (head.method == "OPTIONS") {
      // CORS preflight of a console served from another origin: credentials
      // travel in the Authorization header, never in cookies, so any origin may
      // read what its own token allows.
      connection.out =
          "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\n"
          "Access-Control-Allow-Methods: GET\r\n"
          "Access-Control-Allow-Headers: Authorization, Last-Event-ID\r\n"
          "Access-Control-Max-Age: 600\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      connection.phase = Connection::Phase::kClosing;
      connection.deadline = Clock::now() + kLinger;
      return;
    }
    if (head.path != kStreamPath && head.path != kWebSocketPath) {
      throw AppError(ErrorCode::kNotFound, "This port serves " + std::string(kStreamPath) +
                                               " and " + std::string(kWebSocketPath) + " only.");
    }
    if (head.method != "GET") {
      throw AppError(ErrorCode::kMethodNotAllowed,
                     head.method + " is not allowed here; allowed: GET");
    }
    if (head.path == kStreamPath) return open_sse(connection, head);
    return open_websocket(connection, head);
  } catch (const AppError& error) {
    const auto status = http_status(error.code());
    const std::string extra =
        error.code() == ErrorCode::kUnauthorized ? "WWW-Authenticate: Bearer\r\n" : "";
    refuse(
        connection, static_cast<int>(status), Pistache::Http::codeString(status),
        error_body(error.code(), error.public_message(), error.details_json(), stream_request_id()),
        extra);
  }
}

void EventStreamServer::open_sse(Connection& connection, const RequestHead& head) {
  const auto authorization = head.field("authorization");
  const auto principal = authenticator_.authenticate(
      authorization ? std::optional<std::string_view>(*authorization) : std::nullopt, now_epoch());
  if (!principal) {
    throw AppError(ErrorCode::kUnauthorized,
                   "Credentials required: Authorization: Bearer <token or API key>.");
  }
  auto last_id = head.field("last-event-id");
  if (!last_id) last_id = head.parameter("last_event_id");
  stream_sse(connection, *principal,
             StreamQuery::parse(head.parameter("types"), head.parameter("service"), last_id));
}

void EventStreamServer::stream_sse(Connection& connection, const Principal& principal,
                                   StreamQuery query) {
  connection.subscription = std::make_shared<Subscription>(principal, std::move(query.selection),
                                                           options_.max_queued, [this] { wake(); });
  connection.out =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
      "Connection: close\r\nX-Accel-Buffering: no\r\nAccess-Control-Allow-Origin: *\r\n\r\n";
  connection.phase = Connection::Phase::kSse;
  hold_until_fed(connection);
  const auto joined = hub_.join(connection.subscription, query.last_id);
  if (joined.reset) connection.out += sse_reset(query.raw_last_id);
  for (const auto& event : joined.replay) connection.out += sse_event(*event);
}

// The first subscriber of the process starts the broker feed, which takes a
// moment to bind its queue. A stream whose client saw it open must miss nothing
// published after that, so its first bytes wait for the binding; at most
// kFeedWait, so that a broker that is down does not keep streams shut (they get
// the in-process events, and the feed's when it is back).
void EventStreamServer::hold_until_fed(Connection& connection) {
  if (!hub_.feed_live()) connection.held_until = Clock::now() + kFeedWait;
}

bool EventStreamServer::held(const Connection& connection) const {
  // A closing one's last words go out at once: nothing follows them.
  return connection.phase != Connection::Phase::kClosing && connection.held_until > Clock::now() &&
         !hub_.feed_live();
}

void EventStreamServer::adopt_sse(int fd, const Principal& principal, StreamQuery query) {
  {
    std::lock_guard lock(adopted_mutex_);
    adopted_.push_back({fd, principal, std::move(query)});
  }
  wake();
}

void EventStreamServer::take_adopted() {
  std::vector<Adopted> adopted;
  {
    std::lock_guard lock(adopted_mutex_);
    adopted.swap(adopted_);
  }
  for (auto& handed : adopted) {
    ::fcntl(handed.fd, F_SETFL, ::fcntl(handed.fd, F_GETFL) | O_NONBLOCK);
    Connection& added = add_connection(handed.fd);
    added.reads_shut = true;
    if (refused_past_capacity(added)) continue;
    stream_sse(added, handed.principal, std::move(handed.query));
  }
}

void EventStreamServer::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
}

// Moves queued events into the connection's bytes while the kernel keeps up, and
// enforces its deadlines.
void EventStreamServer::feed(Connection& connection) {
  const auto now = Clock::now();
  using Phase = Connection::Phase;
  if ((connection.phase == Phase::kHead || connection.phase == Phase::kWebSocketAuth ||
       connection.phase == Phase::kClosing) &&
      now > connection.deadline) {
    if (connection.phase == Phase::kWebSocketAuth) {
      return close_websocket(connection, static_cast<int>(CloseCode::kPolicyViolation),
                             "no auth message in time");
    }
    return end(connection, "");
  }
  if (!connection.subscription) return;
  if (connection.reads_shut && now - connection.last_check >= std::chrono::milliseconds(500)) {
    connection.last_check = now;
    if (client_left(connection.fd)) return end(connection, "");
  }
  if (connection.subscription->overflowed()) {
    return end(connection, "slow subscriber: its queue is full");
  }
  if (connection.out.size() >= kMaxPendingBytes) return;
  const bool sse = connection.phase == Phase::kSse;
  for (const auto& event : connection.subscription->take()) {
    connection.out +=
        sse ? sse_event(*event) : server_frame(Opcode::kText, websocket_event(*event));
  }
  if (connection.out.empty() && now - connection.last_write >= options_.keep_alive) {
    connection.out = sse ? sse_keep_alive() : server_frame(Opcode::kPing, "");
  }
}

void EventStreamServer::write_to(Connection& connection) {
  while (!connection.out.empty()) {
    const ssize_t n =
        ::send(connection.fd, connection.out.data(), connection.out.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) end(connection, "");
      return;
    }
    connection.out.erase(0, static_cast<std::size_t>(n));
    connection.last_write = Clock::now();
  }
  if (connection.phase == Connection::Phase::kClosing) end(connection, "");
}

void EventStreamServer::refuse(Connection& connection, int status, std::string_view code_line,
                               std::string_view body, std::string_view extra_headers) {
  connection.out = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n"
      "Cache-Control: no-store\r\nAccess-Control-Allow-Origin: *\r\n{}Connection: close\r\n\r\n{}",
      status, code_line, body.size(), extra_headers, body);
  connection.phase = Connection::Phase::kClosing;
  connection.deadline = Clock::now() + kLinger;
}

void EventStreamServer::end(Connection& connection, std::string_view why) {
  if (connection.fd < 0) return;
  if (!why.empty()) {
    spdlog::warn("event stream: closed {} of {}: {}", connection.peer,
                 connection.subscription ? connection.subscription->principal().name : "-", why);
  }
  if (connection.subscription) hub_.leave(connection.subscription);
  connection.subscription.reset();
  ::close(connection.fd);
  connection.fd = -1;
}

}  // namespace switchyard::api::events
