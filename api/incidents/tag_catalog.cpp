#include "incidents/tag_catalog.hpp"

#include <fmt/format.h>

#include <regex>

#include "domain/incidents/incidents_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/tag_names_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Tag not found.";
constexpr std::string_view kDuplicate = "A tag with this name already exists.";
const CatalogResource kTag{kNotFound,         kinds::kCreateTag, kinds::kUpdateTag,
                           kinds::kDeleteTag, repo::tag_exists,  repo::find_tag_json};

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

void TagCatalog::get(RequestContext& context) { writes_.get(context, kTag); }

void TagCatalog::write(RequestContext& context, WriteMode mode) {
  const std::string id = writes_.target(context, kTag, mode);
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  std::optional<std::string> name;
  Payload payload = read_tag(body, mode, errors, name);
  errors.raise_if_any();
  if (name && writes_.read([&](pqxx::read_transaction& tx) {
        return repo::tag_name_taken(tx, *name, changed_row(mode, id));
      })) {
    throw conflict(kDuplicate);
  }
  writes_.save(context, kTag, mode, id, payload);
}

void TagCatalog::remove(RequestContext& context) { writes_.remove(context, kTag); }

}  // namespace switchyard::api::incidents
