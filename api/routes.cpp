#include "routes.hpp"

#include "routes/route_parts.hpp"

namespace switchyard::api {

std::vector<RouteSpec> route_table(const RouteOptions& options) {
  std::vector<RouteSpec> table;
  for (auto part : {task_routes, identity_routes, tracker_event_routes, tracker_catalog_routes,
                    tracker_lock_routes, release_routes, system_routes}) {
    auto rows = part(options);
    table.insert(table.end(), std::make_move_iterator(rows.begin()),
                 std::make_move_iterator(rows.end()));
  }
  return table;
}

std::vector<Route> make_routes(const Handlers& handlers, const RouteOptions& options) {
  std::vector<Route> routes;
  for (auto& spec : route_table(options)) {
    routes.push_back({spec.method, spec.path, spec.access, spec.rate,
                      [&handlers, call = std::move(spec.call)](RequestContext& context) {
                        call(handlers, context);
                      },
                      spec.style});
  }
  return routes;
}

}  // namespace switchyard::api
