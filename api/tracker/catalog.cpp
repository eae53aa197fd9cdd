#include "tracker/catalog.hpp"

#include <fmt/format.h>

#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "tracker/wire_json.hpp"

namespace switchyard::api::tracker {
namespace {

namespace Http = Pistache::Http;
using namespace ::switchyard::tracker;

std::string required_name(const RequestContext& context) {
  const auto name = context.query("name");
  require_catalog_name(name);
  return *name;
}

}  // namespace

void Catalog::put(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  actions_.put(
      body, context.caller_name(),
      answering<CatalogEntry>(context.answer_later(), [](Responder& r, const CatalogEntry& entry) {
        r.json(Http::Code::Ok, "{\"catalog\":" + catalog_to_wire(entry) + "}");
      }));
}

void Catalog::get(RequestContext& context) {
  const CatalogEntry entry = actions_.get(required_name(context));
  context.responder.json(Http::Code::Ok, "{\"catalog\":" + catalog_to_wire(entry) + "}");
}

void Catalog::remove(RequestContext& context) {
  actions_.remove(
      required_name(context), context.caller_name(),
      answering<std::string>(context.answer_later(), [](Responder& r, const std::string& name) {
        r.json(Http::Code::Ok, fmt::format(R"({{"message":"catalog entry deleted","name":{}}})",
                                           json::quoted(name)));
      }));
}

void Catalog::list(RequestContext& context) {
  const auto page = actions_.page(read_paging(context));
  std::vector<std::string> items;
  for (const auto& entry : page.entries) items.push_back(catalog_to_wire(entry));
  context.responder.json(Http::Code::Ok, list_body("catalogs", items, page.total));
}

}  // namespace switchyard::api::tracker
