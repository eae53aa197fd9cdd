#pragma once
// The live event stream (docs/console.md "Live events"): task lifecycle,
// incident, plugin and sign-in events as Server-Sent Events on
// GET /api/v1/events/stream and as a WebSocket on WS_PORT /ws. One EventHub per
// process fans out what one BrokerEventFeed consumes, and the feed runs only while
// someone subscribes.
#include <memory>

#include "events/broker_event_feed.hpp"
#include "events/event_hub.hpp"
#include "events/event_stream_route.hpp"
#include "events/event_stream_server.hpp"
#include "module.hpp"

namespace switchyard::api::events {

class EventsApi final : public ApiModuleOf<EventsApi> {
 public:
  static constexpr std::string_view kName = "events";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<EventsApi>> route_rows(const RouteOptions& options);

  explicit EventsApi(ModuleContext& context);
  ~EventsApi() override;

  // The stream's listener and its broker feed.
  void start(const RouteOptions& options) override;
  void stop() override;

 private:
  const ModuleContext& context_;
  EventHub hub_;
  EventStreamRoute route_;
  std::unique_ptr<EventStreamServer> server_;
  std::unique_ptr<BrokerEventFeed> feed_;
};

}  // namespace switchyard::api::events
