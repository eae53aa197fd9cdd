#include "tracker/tracker_api.hpp"

#include <spdlog/spdlog.h>

#include "switchyard_api_core_embedded.hpp"
#include "tracker/grpc/tracker_grpc_server.hpp"

namespace switchyard::api::tracker {
namespace {

// The tracker's access: its permission, or none for teams migrating from the
// original Tracker (TRACKER_ANONYMOUS).
Access read_access(const RouteOptions& options, const char* permission) {
  if (!options.tracker_anonymous_read) return needs(permission);
  return {Access::Kind::kPublic, permission, Access::Opened::kRead};
}

Access write_access(const RouteOptions& options, const char* permission) {
  if (!options.tracker_anonymous_write) return needs(permission);
  return {Access::Kind::kPublic, permission, Access::Opened::kWrite};
}

}  // namespace

OpenapiFragment TrackerApi::openapi() { return {kName, embedded::kTrackerOpenapi}; }

TrackerApi::TrackerApi(ModuleContext& context)
    : context_(context),
      writer_(context.awaited_writer({})),
      event_actions_(writer_, context.pool),
      catalog_actions_(writer_, context.pool),
      lock_actions_(writer_, context.pool),
      events_(event_actions_),
      catalog_(catalog_actions_),
      locks_(lock_actions_) {}

TrackerApi::~TrackerApi() { stop(); }

void TrackerApi::start(const RouteOptions& options) {
  const config::Settings& settings = context_.settings;
  if (settings.grpc_port == 0) return;
  grpc_ = std::make_unique<TrackerGrpcServer>(
      TrackerGrpcOptions{settings.api_host, settings.grpc_port, settings.max_body_bytes},
      context_.access, route_specs(options), event_actions_, catalog_actions_, lock_actions_);
  grpc_->start();
  spdlog::info("tracker gRPC listening on {}:{}", settings.api_host, grpc_->port());
}

void TrackerApi::stop() {
  if (grpc_) grpc_->stop();
}

std::vector<RouteRow<TrackerApi>> TrackerApi::route_rows(const RouteOptions& options) {
  using Pistache::Http::Method;
  constexpr auto kStd = RateClass::kStandard;
  constexpr auto kGrpc = ErrorStyle::kGrpcGateway;
  const Access events_read = read_access(options, "events:read");
  const Access events_write = write_access(options, "events:write");
  const Access catalog_read = read_access(options, "catalog:read");
  const Access catalog_write = write_access(options, "catalog:write");
  const Access locks_read = read_access(options, "locks:read");
  const Access locks_write = write_access(options, "locks:write");
  // clang-format off
  return {
      // method          path                                  access          rate   handler                          errors
      {Method::Post,   "/api/v1alpha1/event",                   events_write,   kStd,  ROUTE_TO(events_, create),       kGrpc},
      {Method::Put,    "/api/v1alpha1/event",                   events_write,   kStd,  ROUTE_TO(events_, update),       kGrpc},
      {Method::Get,    "/api/v1alpha1/event/:id",               events_read,    kStd,  ROUTE_TO(events_, get),          kGrpc},
      {Method::Delete, "/api/v1alpha1/event/:id",               events_write,   kStd,  ROUTE_TO(events_, remove),       kGrpc},
      {Method::Get,    "/api/v1alpha1/events/list",             events_read,    kStd,  ROUTE_TO(events_, list),         kGrpc},
      {Method::Get,    "/api/v1alpha1/events/search",           events_read,    kStd,  ROUTE_TO(events_, search),       kGrpc},
      {Method::Get,    "/api/v1alpha1/events/today",            events_read,    kStd,  ROUTE_TO(events_, today),        kGrpc},
      {Method::Put,    "/api/v1alpha1/catalog",                 catalog_write,  kStd,  ROUTE_TO(catalog_, put),         kGrpc},
      {Method::Get,    "/api/v1alpha1/catalog",                 catalog_read,   kStd,  ROUTE_TO(catalog_, get),         kGrpc},
      {Method::Delete, "/api/v1alpha1/catalog",                 catalog_write,  kStd,  ROUTE_TO(catalog_, remove),      kGrpc},
      {Method::Get,    "/api/v1alpha1/catalogs/list",           catalog_read,   kStd,  ROUTE_TO(catalog_, list),        kGrpc},
      {Method::Post,   "/api/v1alpha1/lock",                    locks_write,    kStd,  ROUTE_TO(locks_, take),          kGrpc},
      {Method::Get,    "/api/v1alpha1/lock/:id",                locks_read,     kStd,  ROUTE_TO(locks_, get),           kGrpc},
      {Method::Get,    "/api/v1alpha1/unlock/:id",              locks_write,    kStd,  ROUTE_TO(locks_, release),       kGrpc},
      {Method::Get,    "/api/v1alpha1/locks/list",              locks_read,     kStd,  ROUTE_TO(locks_, list),          kGrpc},
  };
  // clang-format on
}

}  // namespace switchyard::api::tracker
