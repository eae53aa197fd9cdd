#include "metrics/metrics_server.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "metrics/text_format.hpp"

namespace switchyard::metrics {
namespace {

constexpr int kPollMillis = 200;  // how soon stop() is noticed
constexpr int kReadMillis = 2000;
constexpr std::size_t kMaxRequest = 8192;

void send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The request head, or less when the client is slow or sends too much.
std::string read_head(int fd) {
  std::string head;
  char buffer[1024];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < kMaxRequest) {
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, kReadMillis) <= 0) break;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    head.append(buffer, static_cast<std::size_t>(n));
  }
  return head;
}

}  // namespace

MetricsServer::MetricsServer(std::uint16_t port, std::function<std::string()> render)
    : port_(port), render_(std::move(render)), loop_("metrics server", [this] { serve(); }) {}

MetricsServer::~MetricsServer() { stop(); }

bool MetricsServer::start() {
  if (port_ == 0 || socket_ >= 0) return socket_ >= 0;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(port_);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 16) != 0) {
    spdlog::warn("metrics: cannot listen on port {} ({}): running without a scrape endpoint", port_,
                 std::strerror(errno));
    if (fd >= 0) ::close(fd);
    return false;
  }
  socket_ = fd;
  loop_.start();
  spdlog::info("metrics: serving GET /metrics on port {}", port_);
  return true;
}

void MetricsServer::stop() {
  loop_.stop();
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
}

void MetricsServer::serve() {
  while (loop_.running()) {
    pollfd ready{socket_, POLLIN, 0};
    if (::poll(&ready, 1, kPollMillis) <= 0) continue;
    const int client = ::accept4(socket_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    answer(client);
    ::close(client);
  }
}

void MetricsServer::answer(int client) const {
  const std::string head = read_head(client);
  const bool metrics = head.starts_with("GET /metrics ") || head.starts_with("GET /metrics?");
  std::string body;
  std::string_view status = "404 Not Found";
  std::string_view type = "text/plain";
  if (metrics) {
    body = render_();
    status = "200 OK";
    type = kContentType;
  } else {
    body = "only GET /metrics is served here\n";
  }
  send_all(client, fmt::format("HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
                               "Connection: close\r\n\r\n",
                               status, type, body.size()));
  send_all(client, body);
}

}  // namespace switchyard::metrics
