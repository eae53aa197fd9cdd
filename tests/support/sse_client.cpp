#include "sse_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace switchyard::testing {

SseClient::SseClient(std::uint16_t port, const std::string& target,
                     const std::map<std::string, std::string>& headers, SseOptions options)
    : reading_(options.read) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (!options.read) {
    // Before connect, so the window the server sees stays small.
    const int small = 4096;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    throw std::runtime_error("SseClient: cannot connect to port " + std::to_string(port));
  }
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  request += "Accept: text/event-stream\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
  thread_ = std::thread([this] { run(); });
}

SseClient::~SseClient() {
  stopping_ = true;
  ::shutdown(fd_, SHUT_RDWR);
  if (thread_.joinable()) thread_.join();
  ::close(fd_);
}

void SseClient::resume_reading() { reading_ = true; }

void SseClient::run() {
  std::string buffer;
  bool in_body = false;
  char chunk[8192];
  while (!stopping_) {
    if (!reading_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::lock_guard lock(mutex_);
    if (!in_body) {
      const auto end = buffer.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      head_ = buffer.substr(0, end + 2);
      status_ = std::stoi(head_.substr(9, 3));
      buffer.erase(0, end + 4);
      in_body = true;
    }
    if (status_ != 200) {
      body_ += buffer;
      buffer.clear();
    } else {
      std::size_t newline;
      while ((newline = buffer.find('\n')) != std::string::npos) {
        parse_line(buffer.substr(0, newline));
        buffer.erase(0, newline + 1);
      }
    }
    changed_.notify_all();
  }
  closed_ = true;
  changed_.notify_all();
}

void SseClient::parse_line(const std::string& line) {
  if (line.empty()) {
    if (!pending_.data.empty() || !pending_.type.empty()) {
      if (pending_.type.empty()) pending_.type = "message";
      events_.push_back(pending_);
    }
    pending_.type.clear();
    pending_.data.clear();
    return;  // the id stays: the last seen applies to the next event
  }
  if (line[0] == ':') return;
  const auto colon = line.find(':');
  const std::string field = line.substr(0, colon);
  std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
  if (!value.empty() && value[0] == ' ') value.erase(0, 1);
  if (field == "id") pending_.id = value;
  if (field == "event") pending_.type = value;
  if (field == "data") pending_.data += pending_.data.empty() ? value : "\n" + value;
}

int SseClient::status() {
  std::lock_guard lock(mutex_);
  return status_;
}

std::string SseClient::head() {
  std::lock_guard lock(mutex_);
  return head_;
}

std::string SseClient::body() {
  std::lock_guard lock(mutex_);
  return body_;
}

std::vector<SseEvent> SseClient::events() {
  std::lock_guard lock(mutex_);
  return events_;
}

bool SseClient::wait_for(const std::function<bool(const std::vector<SseEvent>&)>& condition,
                         std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return condition(events_); });
}

bool SseClient::wait_for_head(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return status_ != 0 || closed_.load(); });
}

}  // namespace switchyard::testing
