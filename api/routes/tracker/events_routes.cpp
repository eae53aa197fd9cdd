// Tracker events (tracker-api.md, EventService).
#include "routes/route_parts.hpp"

#include "handlers/tracker/events.hpp"

namespace switchyard::api {

std::vector<RouteSpec> tracker_event_routes(const RouteOptions& options) {
  // clang-format off
  return {
      // method          path                                  access                          rate   handler
      {Method::Post,   "/api/v1alpha1/event",                   tracker_write(options, "events:write"),  kStd,  CALL(events, create), kGrpc},
      {Method::Put,    "/api/v1alpha1/event",                   tracker_write(options, "events:write"),  kStd,  CALL(events, update), kGrpc},
      {Method::Get,    "/api/v1alpha1/event/:id",               tracker_read(options, "events:read"),    kStd,  CALL(events, get), kGrpc},
      {Method::Delete, "/api/v1alpha1/event/:id",               tracker_write(options, "events:write"),  kStd,  CALL(events, remove), kGrpc},
      {Method::Get,    "/api/v1alpha1/events/list",             tracker_read(options, "events:read"),    kStd,  CALL(events, list), kGrpc},
      {Method::Get,    "/api/v1alpha1/events/search",           tracker_read(options, "events:read"),    kStd,  CALL(events, search), kGrpc},
      {Method::Get,    "/api/v1alpha1/events/today",            tracker_read(options, "events:read"),    kStd,  CALL(events, today), kGrpc},
  };
  // clang-format on
}

}  // namespace switchyard::api
