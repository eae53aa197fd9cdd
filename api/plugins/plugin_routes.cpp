#include "plugins/plugin_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "domain/plugins/plugins_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/plugins/plugins_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::plugins;

// Only what a manifest route can be (plugin_manifest.cpp's grammar) is looked up:
// anything else (long, percent-encoded, not ASCII) is no plugin's, without a query.
bool may_be_plugin_route(const std::string& path) {
  return path.size() <= 200 && std::all_of(path.begin(), path.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-';
         });
}

}  // namespace

void PluginRoutes::call(RequestContext& context) {
  std::string path = context.request.resource();
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  std::optional<storage::plugins::RouteTarget> target;
  if (may_be_plugin_route(path)) {
    target = pool_.read([&](pqxx::read_transaction& tx) { return repo::find_route(tx, path); });
  }
  if (!target) {
    throw AppError(ErrorCode::kNotFound, fmt::format("No route for POST {}", path.substr(0, 200)));
  }
  if (context.principal == nullptr) {
    throw AppError(ErrorCode::kUnauthorized, "Authentication credentials were not provided");
  }
  if (!context.principal->has(target->permission)) {
    throw AppError(ErrorCode::kForbidden, "This route needs the permission " + target->permission);
  }
  if (!target->active) {
    throw AppError(ErrorCode::kConflict, "Plugin " + target->plugin_id + " is disabled");
  }
  std::string body = "{}";
  if (!context.request.body().empty()) body = json::to_text(json_object_body(context));
  auto responder = context.answer_later();
  auto answer = [responder](Responder& r, const std::string& result) {
    r.json(Http::Code::Ok, result);
  };
  if (target->runtime == domain::plugins::Runtime::kExec) {
    const std::string payload = fmt::format(R"({{"plugin":"{}","action":"{}","payload":{}}})",
                                            target->plugin_id, target->action, body);
    writer_.write(responder, kinds::plugins::kRun, payload, context.principal->name, answer);
  } else {
    writer_.write(responder, domain::TaskKind{target->service, target->action}, body,
                  context.principal->name, answer);
  }
}

}  // namespace switchyard::api
