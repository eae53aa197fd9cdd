#pragma once
// ApiServer: the Pistache endpoint and the common pipeline every route runs
// through, in order: request id (X-Request-ID, echoed or generated), CORS, body
// size limit, access control (authentication, authorization, rate limit),
// handler (reading a JSON body within JsonLimits); then one mapping of any error
// to its documented status
// and body, and the route's metrics when the answer leaves. A raw exception that
// reaches this layer is answered 500 and logged: it is a bug.
// Before all of that, and before routing (so for 404 and 405 too),
// GuardedHandler checks each request's head on its raw bytes: request line,
// header fields (431 past MAX_HEADER_BYTES / MAX_HEADER_COUNT) and Content-Length.
#include <pistache/endpoint.h>
#include <pistache/router.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json_body.hpp"
#include "http/request_head_watch.hpp"
#include "metrics/http_metrics.hpp"
#include "middleware/access_control.hpp"
#include "middleware/cors.hpp"
#include "route.hpp"

namespace switchyard::api {

struct ServerOptions {
  std::string host = "0.0.0.0";
  std::uint16_t port = 8000;  // 0 picks a free port (tests)
  int threads = 2;
  std::size_t max_body_bytes = 1 << 20;
  HeaderLimits header_limits;
  JsonLimits json_limits;
};

class ApiServer {
 public:
  // `fallback` serves the POST requests no route matches (ApiModule::fallback).
  ApiServer(ServerOptions options, std::vector<Route> routes, const AccessControl& access,
            const Cors& cors, HttpMetrics& metrics, std::optional<Route> fallback = std::nullopt);
  ~ApiServer();

  void start();
  // Idempotent; safe before start().
  void stop();
  std::uint16_t port() const;

 private:
  void add_other_methods(RouteMetrics& unmatched);
  // Answers a request GuardedHandler refused from its head.
  void refuse_head(const AppError& refusal, std::string_view path,
                   Pistache::Http::ResponseWriter writer) const;
  ErrorStyle style_of_path(std::string_view path) const;
  void dispatch(const Route& route, RouteMetrics& metrics, const Pistache::Rest::Request& request,
                Pistache::Http::ResponseWriter writer) const;

  ServerOptions options_;
  std::vector<Route> routes_;
  std::optional<Route> fallback_;
  const AccessControl& access_;
  const Cors& cors_;
  HttpMetrics& metrics_;
  RouteMetrics* unmatched_ = nullptr;
  Pistache::Rest::Router router_;
  std::unique_ptr<Pistache::Http::Endpoint> endpoint_;
  bool started_ = false;
};

}  // namespace switchyard::api
