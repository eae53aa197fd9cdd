#pragma once
// Responder: the one way a handler answers. It adds the headers every answer
// carries (X-Request-ID, Connection: keep-alive for HTTP/1.1 — Pistache 0.0.5
// would otherwise close every connection), records the route's metrics when the
// answer leaves, and may be moved to another thread (the publisher's) to answer
// later. An answer for a client that has gone away is dropped.
#include <pistache/http.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errors/app_error.hpp"
#include "http/error_body.hpp"

namespace switchyard::api {

class RouteMetrics;

class Responder {
 public:
  Responder(Pistache::Http::ResponseWriter writer, std::string request_id, bool keep_alive,
            RouteMetrics& metrics)
      : writer_(std::move(writer)),
        request_id_(std::move(request_id)),
        keep_alive_(keep_alive),
        metrics_(&metrics),
        started_(std::chrono::steady_clock::now()) {}
  // The moved-from Responder counts as answered, so it can never send twice.
  Responder(Responder&& other) noexcept
      : writer_(std::move(other.writer_)),
        request_id_(std::move(other.request_id_)),
        keep_alive_(other.keep_alive_),
        metrics_(other.metrics_),
        started_(other.started_),
        headers_(std::move(other.headers_)),
        style_(other.style_),
        route_(std::move(other.route_)),
        answered_(std::exchange(other.answered_, true)) {}
  Responder& operator=(Responder&&) = delete;
  Responder(const Responder&) = delete;

  const std::string& request_id() const { return request_id_; }
  bool answered() const { return answered_; }

  void add_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
  }
  void send(Pistache::Http::Code code, std::string_view body, std::string_view content_type);
  void json(Pistache::Http::Code code, std::string_view body) {
    send(code, body, "application/json");
  }
  void error(const AppError& e);
  void set_error_style(ErrorStyle style) { style_ = style; }
  // Takes the connection away from Pistache, which cannot hold a response open
  // (the live event stream, api/events/): returns a duplicate of its socket for
  // the caller to write the whole response on, and shuts the socket's reading
  // side, so Pistache reads end-of-stream, forgets the connection and closes its
  // own descriptor (the caller's stays open). -1 when the client already left.
  // The request is then answered; nothing more is read from the connection.
  int detach_socket();
  // "GET /api/v1/tasks": logged with errors.
  void set_route(std::string route) { route_ = std::move(route); }

 private:
  Pistache::Http::ResponseWriter writer_;
  std::string request_id_;
  bool keep_alive_;
  RouteMetrics* metrics_;
  std::chrono::steady_clock::time_point started_;
  std::vector<std::pair<std::string, std::string>> headers_;
  ErrorStyle style_ = ErrorStyle::kXcore;
  std::string route_;
  bool answered_ = false;
};

}  // namespace switchyard::api
