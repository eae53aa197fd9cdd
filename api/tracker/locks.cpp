#include "tracker/locks.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "http/request_fields.hpp"
#include "tracker/wire_json.hpp"

namespace switchyard::api::tracker {
namespace {

namespace Http = Pistache::Http;
using ::switchyard::tracker::lock_to_wire;

}  // namespace

void Locks::take(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  actions_.take(body, context.caller_name(),
                answering<Lock>(context.answer_later(), [](Responder& r, const Lock& lock) {
                  r.json(Http::Code::Ok, "{\"lock\":" + lock_to_wire(lock) + "}");
                }));
}

void Locks::get(RequestContext& context) {
  const Lock lock = actions_.get(path_string(context, "id"));
  context.responder.json(Http::Code::Ok, "{\"lock\":" + lock_to_wire(lock) + "}");
}

void Locks::release(RequestContext& context) {
  const bool admin = context.principal != nullptr && context.principal->admin;
  actions_.release(
      path_string(context, "id"), context.caller_name(), admin,
      answering<std::string>(context.answer_later(), [](Responder& r, const std::string& id) {
        r.json(Http::Code::Ok,
               fmt::format(R"({{"message":"lock released","id":"{}","count":1}})", id));
      }));
}

void Locks::list(RequestContext& context) {
  const auto page = actions_.page(read_paging(context));
  std::vector<std::string> items;
  for (const auto& lock : page.locks) items.push_back(lock_to_wire(lock));
  context.responder.json(Http::Code::Ok, list_body("locks", items, page.total));
}

}  // namespace switchyard::api::tracker
