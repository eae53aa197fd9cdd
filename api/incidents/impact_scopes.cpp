#include "incidents/impact_scopes.hpp"

#include "domain/incidents/incidents_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/impact_scopes_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Impact scope not found.";
constexpr std::string_view kDuplicate = "An impact scope with this name already exists.";
const CatalogResource kScope{kNotFound,
                             kinds::kCreateImpactScope,
                             kinds::kUpdateImpactScope,
                             kinds::kDeleteImpactScope,
                             repo::impact_scope_exists,
                             repo::find_impact_scope_json};

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

void ImpactScopes::get(RequestContext& context) { writes_.get(context, kScope); }

void ImpactScopes::write(RequestContext& context, WriteMode mode) {
  const std::string id = writes_.target(context, kScope, mode);
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  Payload payload = read_scope(body, mode, errors);
  errors.raise_if_any();
  if (body.HasMember("name") && writes_.read([&](pqxx::read_transaction& tx) {
        return repo::impact_scope_name_taken(tx, body["name"].GetString(), changed_row(mode, id));
      })) {
    throw conflict(kDuplicate);
  }
  writes_.save(context, kScope, mode, id, payload);
}

void ImpactScopes::remove(RequestContext& context) { writes_.remove(context, kScope); }

}  // namespace switchyard::api::incidents
