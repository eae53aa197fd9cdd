#include "incidents/impact_scopes.hpp"

#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/impact_scopes_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Impact scope not found.";
constexpr std::string_view kDuplicate = "An impact scope with this name already exists.";

Payload read_scope(const rapidjson::Value& body, WriteMode mode, FieldErrors& errors) {
  const bool full = is_full(mode);
  refuse_unknown(body, {"name", "description"}, {"id", "created_at", "updated_at"}, errors);
  Payload payload;
  const auto name = read_text(
      body, "name",
      {.required = full || given(body, "name"), .max_length = 200, .allow_blank = false}, errors);
  if (name) payload.set_text("name", *name);
  const auto description =
      read_text(body, "description", {.required = given(body, "description")}, errors);
  if (description || full) payload.set_text("description", description.value_or(""));
  return payload;
}

}  // namespace

void ImpactScopes::list(RequestContext& context) {
  repo::CatalogFilter filter;
  filter.search = text_parameter(context, "search");
  const PageRequest page = read_page_request(context);
  filter.limit = page.page_size;
  filter.offset = page.offset();
  writes_.answer_page(context, page, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::list_impact_scopes(tx, filter);
  }));
}

void ImpactScopes::get(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNotFound);
  CatalogWrites::answer_found(context, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::find_impact_scope_json(tx, id);
  }),
                              kNotFound);
}

void ImpactScopes::write(RequestContext& context, WriteMode mode) {
  const bool create = mode == WriteMode::kCreate;
  const std::string id = create ? envelope::new_task_id() : catalog_id(context, "id", kNotFound);
  if (!create && !writes_.read([&](pqxx::read_transaction& tx) {
        return repo::impact_scope_exists(tx, id);
      })) {
    throw not_found(kNotFound);
  }
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  Payload payload = read_scope(body, mode, errors);
  errors.raise_if_any();
  if (body.HasMember("name") && writes_.read([&](pqxx::read_transaction& tx) {
        return repo::impact_scope_name_taken(
            tx, body["name"].GetString(), create ? std::nullopt : std::optional<std::string>(id));
      })) {
    throw conflict(kDuplicate);
  }
  payload.set_text("id", id);
  writes_.write(context, create ? kinds::kCreateImpactScope : kinds::kUpdateImpactScope,
                payload.text(), create ? Http::Code::Created : Http::Code::Ok,
                [id](pqxx::read_transaction& tx) { return repo::find_impact_scope_json(tx, id); });
}

void ImpactScopes::remove(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNotFound);
  if (!writes_.read(
          [&](pqxx::read_transaction& tx) { return repo::impact_scope_exists(tx, id); })) {
    throw not_found(kNotFound);
  }
  writes_.remove(context, kinds::kDeleteImpactScope, json::string_object({{"id", id}}));
}

}  // namespace switchyard::api::incidents
