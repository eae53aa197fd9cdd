#pragma once
// ApiModules<M...>: the modules one API process serves, in order. It assembles
// the one route table (every module's rows) and the one OpenAPI document (the
// shared openapi/openapi.json plus every module's fragment), and builds the
// modules. The list itself is api/modules.hpp.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "module.hpp"
#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {

template <class... Modules>
struct ApiModules {
  // This list with `More` modules after it (a domain joining the real list).
  template <class... More>
  using With = ApiModules<Modules..., More...>;

  // Every route of every module, without handlers (tests walk this).
  static std::vector<RouteSpec> route_table(const RouteOptions& options) {
    std::vector<RouteSpec> table;
    (append(table, Modules::route_specs(options)), ...);
    return table;
  }

  // The document GET /openapi.json serves. Throws when two modules define one name.
  static std::string openapi_document(std::string_view version) {
    return build_openapi_document(embedded::kOpenapi, {Modules::openapi()...}, version);
  }

  // Builds every module, in list order; they must outlive the routes of routes().
  static std::vector<std::unique_ptr<ApiModule>> make(ModuleContext& context) {
    std::vector<std::unique_ptr<ApiModule>> modules;
    (modules.push_back(std::make_unique<Modules>(context)), ...);
    return modules;
  }

  static std::vector<Route> routes(const std::vector<std::unique_ptr<ApiModule>>& modules,
                                   const RouteOptions& options) {
    std::vector<Route> all;
    for (const auto& module : modules) append(all, module->routes(options));
    return all;
  }

  // The one module fallback for unmatched POST requests, if any (ApiModule::fallback).
  static std::optional<Route> fallback(const std::vector<std::unique_ptr<ApiModule>>& modules) {
    for (const auto& module : modules) {
      if (auto route = module->fallback()) return route;
    }
    return std::nullopt;
  }

  // Starts every module's own servers, in list order; stops them in reverse.
  static void start(const std::vector<std::unique_ptr<ApiModule>>& modules,
                    const RouteOptions& options) {
    for (const auto& module : modules) module->start(options);
  }
  static void stop(const std::vector<std::unique_ptr<ApiModule>>& modules) {
    for (auto it = modules.rbegin(); it != modules.rend(); ++it) (*it)->stop();
  }

 private:
  template <class Row>
  static void append(std::vector<Row>& into, std::vector<Row> rows) {
    into.insert(into.end(), std::make_move_iterator(rows.begin()),
                std::make_move_iterator(rows.end()));
  }
};

}  // namespace switchyard::api
