#include "events/events_api.hpp"

#include <spdlog/spdlog.h>

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api::events {

OpenapiFragment EventsApi::openapi() { return {kName, embedded::kEventsOpenapi}; }

std::vector<RouteRow<EventsApi>> EventsApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  return {
      {Method::Get, "/api/v1/events/stream", authenticated(), RateClass::kStandard,
       ROUTE_TO(route_, stream)},
  };
}

EventsApi::EventsApi(ModuleContext& context) : context_(context) {}

EventsApi::~EventsApi() { stop(); }

void EventsApi::start(const RouteOptions& /*options*/) {
  const config::Settings& settings = context_.settings;
  server_ = std::make_unique<EventStreamServer>(
      hub_, context_.authenticator,
      StreamServerOptions{.host = settings.api_host,
                          .port = settings.ws_port,
                          .max_connections = settings.event_stream_max_connections,
                          .max_queued = settings.event_stream_queue});
  server_->start();
  feed_ = std::make_unique<BrokerEventFeed>(hub_, settings.broker_url);
  feed_->start();
  route_.attach(server_.get());
  if (settings.ws_port != 0) {
    spdlog::info("event stream: /ws listening on {}:{}", settings.api_host, server_->port());
  }
}

void EventsApi::stop() {
  route_.attach(nullptr);
  if (feed_) feed_->stop();
  if (server_) server_->stop();
}

}  // namespace switchyard::api::events
