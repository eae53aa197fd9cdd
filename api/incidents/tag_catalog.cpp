#include "incidents/tag_catalog.hpp"

#include <fmt/format.h>

#include <regex>

#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/tag_names_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Tag not found.";
constexpr std::string_view kDuplicate = "A tag with this name already exists.";

// The tag's fields; `name` is its new name, when it gets one.
Payload read_tag(const rapidjson::Value& body, WriteMode mode, FieldErrors& errors,
                 std::optional<std::string>& name) {
  const bool full = is_full(mode);
  refuse_unknown(body, {"name", "color"}, {"id", "created_at"}, errors);
  Payload payload;
  // Read as POST .../tags/ reads a name (tag_name), so that both name the same
  // tag; read_text first for the field's own messages.
  if (read_text(body, "name", {.required = full || given(body, "name"), .allow_blank = false},
                errors)) {
    name = tag_name(body["name"]);
    if (name) {
      payload.set_text("name", *name);
    } else {
      errors.add("name", fmt::format("Ensure this field has no more than {} characters.",
                                     kTagNameMaxLength));
    }
  }
  const auto color =
      read_text(body, "color", {.required = given(body, "color"), .max_length = 7}, errors);
  static const std::regex kColor("#[0-9a-fA-F]{6}");
  if (color && !std::regex_match(*color, kColor)) {
    errors.add("color", "Expected a color as #rrggbb.");
  }
  if (color || full) payload.set_text("color", color.value_or("#6c757d"));
  return payload;
}

}  // namespace

void TagCatalog::list(RequestContext& context) {
  repo::CatalogFilter filter;
  filter.search = text_parameter(context, "search");
  const PageRequest page = read_page_request(context);
  filter.limit = page.page_size;
  filter.offset = page.offset();
  writes_.answer_page(context, page, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::list_tags(tx, filter);
  }));
}

void TagCatalog::get(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNotFound);
  CatalogWrites::answer_found(context, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::find_tag_json(tx, id);
  }),
                              kNotFound);
}

void TagCatalog::write(RequestContext& context, WriteMode mode) {
  const bool create = mode == WriteMode::kCreate;
  const std::string id = create ? envelope::new_task_id() : catalog_id(context, "id", kNotFound);
  if (!create &&
      !writes_.read([&](pqxx::read_transaction& tx) { return repo::tag_exists(tx, id); })) {
    throw not_found(kNotFound);
  }
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  std::optional<std::string> name;
  Payload payload = read_tag(body, mode, errors, name);
  errors.raise_if_any();
  if (name && writes_.read([&](pqxx::read_transaction& tx) {
        return repo::tag_name_taken(tx, *name,
                                    create ? std::nullopt : std::optional<std::string>(id));
      })) {
    throw conflict(kDuplicate);
  }
  payload.set_text("id", id);
  writes_.write(context, create ? kinds::kCreateTag : kinds::kUpdateTag, payload.text(),
                create ? Http::Code::Created : Http::Code::Ok,
                [id](pqxx::read_transaction& tx) { return repo::find_tag_json(tx, id); });
}

void TagCatalog::remove(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNotFound);
  if (!writes_.read([&](pqxx::read_transaction& tx) { return repo::tag_exists(tx, id); })) {
    throw not_found(kNotFound);
  }
  writes_.remove(context, kinds::kDeleteTag, json::string_object({{"id", id}}));
}

}  // namespace switchyard::api::incidents
