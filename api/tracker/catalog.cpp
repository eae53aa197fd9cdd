#include "tracker/catalog.hpp"

#include <fmt/format.h>

#include "domain/tracker/tracker_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/tracker/catalog_repository.hpp"
#include "tracker/tracker_paging.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_json.hpp"
#include "tracker/wire_rows.hpp"

namespace switchyard::api::tracker {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::tracker;
using namespace ::switchyard::tracker;

std::string required_name(const RequestContext& context) {
  const auto name = context.query("name");
  if (!name || name->empty() || name->size() > 200) {
    throw AppError(ErrorCode::kValidation, "name: the query parameter is required",
                   field_error("name", "is required"));
  }
  return *name;
}

}  // namespace

void Catalog::answer_entry(Responder& responder, const std::string& name) {
  const auto entry =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_catalog(tx, name); });
  if (!entry) throw AppError(ErrorCode::kNotFound, "catalog entry " + name + " not found");
  responder.json(Http::Code::Ok, "{\"catalog\":" + catalog_to_wire(*entry) + "}");
}

void Catalog::put(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  rapidjson::StringBuffer buffer;
  RowWriter row(buffer);
  row.StartObject();
  read_catalog_row(body, row);
  row.EndObject();
  const std::string name = body["name"].GetString();  // read_catalog_row required it
  auto responder = context.answer_later();
  writer_.write(responder, kinds::tracker::kPutCatalog, {buffer.GetString(), buffer.GetSize()},
                context.caller_name(),
                [this, name](Responder& r, const std::string&) { answer_entry(r, name); });
}

void Catalog::get(RequestContext& context) {
  answer_entry(context.responder, required_name(context));
}

void Catalog::remove(RequestContext& context) {
  const std::string name = required_name(context);
  auto responder = context.answer_later();
  writer_.write(responder, kinds::tracker::kDeleteCatalog, "{\"name\":" + json::quoted(name) + "}",
                context.caller_name(), [name](Responder& r, const std::string&) {
                  r.json(Http::Code::Ok,
                         fmt::format(R"({{"message":"catalog entry deleted","name":{}}})",
                                     json::quoted(name)));
                });
}

void Catalog::list(RequestContext& context) {
  const Paging paging = read_paging(context);
  const auto page = pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_catalog(tx, paging.per_page, paging.offset());
  });
  std::vector<std::string> items;
  for (const auto& entry : page.entries) items.push_back(catalog_to_wire(entry));
  context.responder.json(Http::Code::Ok, list_body("catalogs", items, page.total));
}

}  // namespace switchyard::api::tracker
