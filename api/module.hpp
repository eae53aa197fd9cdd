#pragma once
// ApiModule: one domain's part of the API (tasks, identity, tracker, releases, …):
// its handler objects, its rows of the route table and its OpenAPI fragment, kept
// in its own folder api/<domain>/. A module class M derives from ApiModuleOf<M>
// and provides
//   static constexpr std::string_view kName;                   // "tracker"
//   static OpenapiFragment openapi();                          // its documentation
//   static std::vector<RouteRow<M>> route_rows(const RouteOptions&);
//   explicit M(ModuleContext&);                                // builds its handlers
// and, when it serves more than routes (a listener of its own: the tracker's gRPC
// door), overrides start() and stop(), which the API calls after its HTTP server
// starts and before it stops.
// The process plugs it in with one line in api/modules.hpp; docs/adding-a-domain.md
// walks through one.
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "config/clients_config.hpp"
#include "config/services_config.hpp"
#include "config/settings.hpp"
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "http/blocking_work.hpp"
#include "openapi/openapi_document.hpp"
#include "route.hpp"

namespace switchyard::security {
class JwtCodec;
}

namespace switchyard::api {

class AccessControl;
class Authenticator;
class HttpMetrics;
class IdentityCache;
class LoginThrottle;

// What the composition root (api/main.cpp) shares with every module. Everything
// outlives the modules.
struct ModuleContext {
  const config::Settings& settings;
  const config::ServicesConfig& services;
  const config::ClientsConfig& clients;
  amqp::TaskPublisher& publisher;
  db::ConnectionPool& pool;
  BlockingWork& blocking;  // off the reactor threads: Argon2id, awaited answers
  HttpMetrics& metrics;
  IdentityCache& identity;
  const security::JwtCodec& jwt;
  const Authenticator& authenticator;
  const AccessControl& access;
  LoginThrottle& login_throttle;
  std::string_view openapi_document;  // the merged document, as GET /openapi.json serves it

  // The writer of the module's awaited writes (AwaitedWriter), waiting up to
  // MAX_WAIT_SECONDS.
  AwaitedWriter awaited_writer(AwaitedService service) const {
    return {publisher, blocking, services, settings.max_wait, std::move(service)};
  }
};

// One row of a module's route table: the route and the member of the module that
// serves it.
template <class Module>
struct RouteRow {
  Pistache::Http::Method method;
  std::string path;  // Pistache syntax: /api/v1/tasks/:id
  Access access;
  RateClass rate;
  void (*call)(Module&, RequestContext&);
  ErrorStyle style = ErrorStyle::kXcore;
};

// A route_rows() cell: calls `method` of the module's handler object `member`.
#define ROUTE_TO(member, method) \
  [](auto& module, ::switchyard::api::RequestContext& context) { module.member.method(context); }

// A running module, as the server sees it.
class ApiModule {
 public:
  virtual ~ApiModule() = default;
  // The module's routes bound to its handler objects; `this` must outlive them.
  virtual std::vector<Route> routes(const RouteOptions& options) = 0;
  // Starts what the module serves beside its routes (throws when it cannot);
  // stop() ends it gracefully, and is safe when start() was not called.
  virtual void start(const RouteOptions& /*options*/) {}
  virtual void stop() {}
  // A handler for the POST requests that no route of the table matches (the
  // plugins' manifest routes, which change while the API runs); at most one
  // module of a process has one. Its Route names the access admit() checks
  // before it runs; the handler answers 404 for what it does not serve.
  virtual std::optional<Route> fallback() { return std::nullopt; }
};

template <class Module>
class ApiModuleOf : public ApiModule {
 public:
  // The module's rows without handlers, for tests walking the table.
  static std::vector<RouteSpec> route_specs(const RouteOptions& options) {
    std::vector<RouteSpec> specs;
    for (auto& row : Module::route_rows(options)) {
      specs.push_back(
          RouteSpec{row.method, std::move(row.path), std::move(row.access), row.rate, row.style});
    }
    return specs;
  }

  std::vector<Route> routes(const RouteOptions& options) override {
    Module& self = static_cast<Module&>(*this);
    std::vector<Route> bound;
    for (auto& row : Module::route_rows(options)) {
      Route route{
          RouteSpec{row.method, std::move(row.path), std::move(row.access), row.rate, row.style},
          {}};
      route.handler = [&self, call = row.call](RequestContext& context) { call(self, context); };
      bound.push_back(std::move(route));
    }
    return bound;
  }
};

}  // namespace switchyard::api
