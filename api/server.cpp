#include "server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <vector>

#include "http/caught_error.hpp"
#include "http/error_body.hpp"
#include "http/guarded_handler.hpp"
#include "logging/log_context.hpp"
#include "trace/trace_context.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
namespace Rest = Pistache::Rest;

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("req_{:016x}", rng());
}

// Echo a client's id when it is short and printable, else make one.
std::string request_id_of(const Http::Request& request) {
  if (auto raw = request.headers().tryGetRaw("X-Request-ID")) {
    const std::string& value = raw->value();
    const bool printable =
        std::all_of(value.begin(), value.end(), [](char c) { return c > ' ' && c < 127; });
    if (!value.empty() && value.size() <= 128 && printable) return value;
  }
  return new_request_id();
}

// The request's span: the caller's `traceparent` continued when it is valid,
// else a new trace (a malformed one is ignored, never refused).
trace::TraceContext trace_of(const Http::Request& request) {
  if (auto raw = request.headers().tryGetRaw("traceparent")) {
    return trace::TraceContext::continue_or_start(raw->value());
  }
  return trace::TraceContext::start();
}

// Pistache 0.0.5 answers `Connection: close` unless told otherwise, although
// HTTP/1.1 defaults to keep-alive: keep the connection unless the client asked.
bool wants_keep_alive(const Http::Request& request) {
  if (request.version() != Http::Version::Http11) return false;
  const auto connection = request.headers().tryGet<Http::Header::Connection>();
  return !connection || connection->control() != Http::ConnectionControl::Close;
}

std::optional<std::string> origin_of(const Http::Request& request) {
  if (auto raw = request.headers().tryGetRaw("Origin")) return raw->value();
  return std::nullopt;
}

// "/a/b/" → "/a/b": the key under which Pistache's router files a path.
std::string without_trailing_slash(std::string path) {
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The longest request line (method, path and query, version) taken; 414 past it.
constexpr std::size_t kMaxRequestLine = 8 << 10;

}  // namespace

ApiServer::ApiServer(ServerOptions options, std::vector<Route> routes, const AccessControl& access,
                     const Cors& cors, HttpMetrics& metrics, std::optional<Route> fallback)
    : options_(std::move(options)),
      routes_(std::move(routes)),
      fallback_(std::move(fallback)),
      access_(access),
      cors_(cors),
      metrics_(metrics) {
  // Pistache matches a path with or without its trailing slash alike. Where two
  // surfaces document the same path, one with and one without it (the task
  // platform's GET /api/v1/services, the incident manager's /api/v1/services/), the
  // request's own slash picks the route; a path in the table once serves both.
  std::map<std::pair<Http::Method, std::string>, std::vector<const Route*>> by_path;
  for (const Route& route : routes_)
    by_path[{route.method, without_trailing_slash(route.path)}].push_back(&route);
  for (const auto& [key, candidates] : by_path) {
    const Route* plain = candidates.front();
    const Route* slashed = candidates.back();
    if (plain->path.ends_with('/')) std::swap(plain, slashed);
    if (candidates.size() > 2 || (candidates.size() == 2 && plain->path == slashed->path)) {
      throw std::logic_error(
          fmt::format("route {} {} is declared twice", Http::methodString(key.first), plain->path));
    }
    RouteMetrics& plain_metrics = metrics_.route(Http::methodString(plain->method), plain->path);
    RouteMetrics& slashed_metrics =
        metrics_.route(Http::methodString(slashed->method), slashed->path);
    router_.addRoute(key.first, plain->path,
                     [this, plain, slashed, &plain_metrics, &slashed_metrics](
                         const Rest::Request& request, Http::ResponseWriter writer) {
                       if (plain != slashed && request.resource().ends_with('/')) {
                         dispatch(*slashed, slashed_metrics, request, std::move(writer));
                       } else {
                         dispatch(*plain, plain_metrics, request, std::move(writer));
                       }
                       return Rest::Route::Result::Ok;
                     });
  }
  RouteMetrics& unmatched = metrics_.route("ANY", "unmatched");
  unmatched_ = &unmatched;
  add_other_methods(unmatched);
  router_.addNotFoundHandler([this, &unmatched](const Rest::Request& request,
                                                Http::ResponseWriter writer) {
    if (fallback_ && request.method() == Http::Method::Post) {
      dispatch(*fallback_, unmatched, request, std::move(writer));
      return Rest::Route::Result::Ok;
    }
    Responder responder(std::move(writer), request_id_of(request), wants_keep_alive(request),
                        unmatched);
    cors_.decorate(origin_of(request), responder);
    responder.error(AppError(ErrorCode::kNotFound,
                             fmt::format("No route for {} {}", Http::methodString(request.method()),
                                         request.resource())));
    return Rest::Route::Result::Ok;
  });
}

// Pistache answers a known path with an unknown method itself (a bare 405), so
// each path gets every other method explicitly: OPTIONS answers CORS preflights
// (or lists the methods), the rest a documented 405 with Allow.
void ApiServer::add_other_methods(RouteMetrics& unmatched) {
  std::map<std::string, std::set<Http::Method>> methods_by_path;
  std::map<std::string, ErrorStyle> style_by_path;  // the surface's error format
  for (const Route& route : routes_) {
    const std::string path = without_trailing_slash(route.path);
    methods_by_path[path].insert(route.method);
    style_by_path[path] = route.style;
  }
  static constexpr Http::Method kMethods[] = {Http::Method::Get,    Http::Method::Post,
                                              Http::Method::Put,    Http::Method::Patch,
                                              Http::Method::Delete, Http::Method::Options};
  for (const auto& [path, methods] : methods_by_path) {
    std::string allow;
    for (auto method : methods)
      allow += std::string(allow.empty() ? "" : ", ") + Http::methodString(method);
    allow += ", OPTIONS";
    for (auto method : kMethods) {
      if (methods.count(method)) continue;
      router_.addRoute(
          method, path,
          [this, &unmatched, allow, style = style_by_path[path]](const Rest::Request& request,
                                                                 Http::ResponseWriter writer) {
            Responder responder(std::move(writer), request_id_of(request),
                                wants_keep_alive(request), unmatched);
            const auto origin = origin_of(request);
            if (request.method() == Http::Method::Options) {
              if (!cors_.answer_preflight(origin, responder)) {
                responder.add_header("Allow", allow);
                responder.send(Http::Code::No_Content, "", "text/plain");
              }
              return Rest::Route::Result::Ok;
            }
            cors_.decorate(origin, responder);
            responder.set_error_style(style);
            responder.add_header("Allow", allow);
            responder.error(AppError(ErrorCode::kMethodNotAllowed,
                                     fmt::format("{} is not allowed here; allowed: {}",
                                                 Http::methodString(request.method()), allow)));
            return Rest::Route::Result::Ok;
          });
    }
  }
}

ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
  const Pistache::Address address(options_.host, Pistache::Port(options_.port));
  endpoint_ = std::make_unique<Http::Endpoint>(address);
  // What one connection can make Pistache buffer: a whole request within the limits
  // (GuardedHandler refused a longer head, or a larger Content-Length, before its
  // bytes were buffered), so only a chunked body past it meets Pistache's own
  // plain-text 413. A slow client is cut off by Pistache's timers (408, then
  // close): a request must arrive whole within 60 s of the connection opening or
  // of the previous request on it (300 s once that one was answered: the
  // keep-alive timeout).
  auto opts = Http::Endpoint::options()
                  .threads(options_.threads)
                  .flags(Pistache::Tcp::Options::ReuseAddr)
                  .maxRequestSize(options_.max_body_bytes + options_.header_limits.max_bytes +
                                  kMaxRequestLine + 1024)
                  .maxResponseSize(64 << 20);
  endpoint_->init(opts);
  endpoint_->setHandler(std::make_shared<GuardedHandler>(
      router_, RequestHeadLimits{kMaxRequestLine, options_.header_limits, options_.max_body_bytes},
      [this](const AppError& refusal, std::string_view path, Http::ResponseWriter writer) {
        refuse_head(refusal, path, std::move(writer));
      }));
  endpoint_->serveThreaded();
  started_ = true;
}

void ApiServer::stop() {
  if (!started_) return;
  started_ = false;
  endpoint_->shutdown();
}

void ApiServer::refuse_head(const AppError& refusal, std::string_view path,
                            Http::ResponseWriter writer) const {
  Responder responder(std::move(writer), new_request_id(), false, *unmatched_);
  responder.set_error_style(style_of_path(path));
  responder.error(refusal);
}

// The error format of the route `path` would reach: a route's path up to its first
// parameter, or the whole path when it has none.
ErrorStyle ApiServer::style_of_path(std::string_view path) const {
  for (const Route& route : routes_) {
    const std::string_view pattern = route.path;
    const std::size_t parameter = pattern.find(':');
    const bool match = parameter == std::string_view::npos
                           ? path == pattern
                           : path.starts_with(pattern.substr(0, parameter));
    if (match) return route.style;
  }
  return ErrorStyle::kXcore;
}

std::uint16_t ApiServer::port() const { return static_cast<std::uint16_t>(endpoint_->getPort()); }

void ApiServer::dispatch(const Route& route, RouteMetrics& metrics, const Rest::Request& request,
                         Http::ResponseWriter writer) const {
  Responder responder(std::move(writer), request_id_of(request), wants_keep_alive(request),
                      metrics);
  responder.set_error_style(route.style);
  responder.set_route(fmt::format("{} {}", Http::methodString(route.method), route.path));
  if (cors_.enabled()) cors_.decorate(origin_of(request), responder);
  const auto request_trace = trace_of(request);
  responder.add_header("traceparent", request_trace.header());
  // What the handler logs, and what it publishes (TaskPublisher stamps the
  // envelopes), belongs to this request's trace.
  const logging::LogScope log_scope({}, request_trace);
  try {
    if (request.body().size() > options_.max_body_bytes) {
      throw AppError(ErrorCode::kPayloadTooLarge,
                     fmt::format("The body is {} bytes; the limit is {}", request.body().size(),
                                 options_.max_body_bytes));
    }
    const std::optional<Principal> principal = access_.admit(route, request, responder);
    RequestContext context{request, responder, principal ? &*principal : nullptr,
                           options_.json_limits, request_trace};
    route.handler(context);
  } catch (...) {
    // Logged by Responder::error with the request id and the route.
    responder.error(caught_error());
  }
}

}  // namespace switchyard::api
