#include "tracker/catalog_actions.hpp"

#include "domain/tracker/tracker_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_rows.hpp"

namespace switchyard::api::tracker {

namespace repo = storage::tracker;

void require_catalog_name(const std::optional<std::string>& name) {
  if (!name || name->empty() || name->size() > 200) {
    throw AppError(ErrorCode::kValidation, "name: the query parameter is required",
                   field_error("name", "is required"));
  }
}

CatalogEntry CatalogActions::get(const std::string& name) const {
  require_catalog_name(name);
  auto entry = pool_.read([&](pqxx::read_transaction& tx) { return repo::find_catalog(tx, name); });
  if (!entry) throw AppError(ErrorCode::kNotFound, "catalog entry " + name + " not found");
  return std::move(*entry);
}

void CatalogActions::put(const rapidjson::Value& body, const std::string& caller,
                         Settled<CatalogEntry> done) {
  publishing(std::move(done), [&](Settled<CatalogEntry> settled) {
    rapidjson::StringBuffer buffer;
    RowWriter row(buffer);
    row.StartObject();
    read_catalog_row(body, row);
    row.EndObject();
    const std::string name = body["name"].GetString();  // read_catalog_row required it
    writer_.submit(
        kinds::tracker::kPutCatalog, {buffer.GetString(), buffer.GetSize()}, caller,
        settle(std::move(settled), [this, name](const std::string&) { return get(name); }));
  });
}

void CatalogActions::remove(const std::string& name, const std::string& caller,
                            Settled<std::string> done) {
  publishing(std::move(done), [&](Settled<std::string> settled) {
    require_catalog_name(name);
    writer_.submit(kinds::tracker::kDeleteCatalog, "{\"name\":" + json::quoted(name) + "}", caller,
                   settle(std::move(settled), [name](const std::string&) { return name; }));
  });
}

repo::CatalogPage CatalogActions::page(const Paging& paging) const {
  return pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_catalog(tx, paging.per_page, paging.offset());
  });
}

}  // namespace switchyard::api::tracker
