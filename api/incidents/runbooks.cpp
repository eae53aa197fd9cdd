#include "incidents/runbooks.hpp"

#include <fmt/format.h>

#include <set>

#include "domain/incidents/incidents_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/runbooks_repository.hpp"
#include "storage/incidents/services_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Runbook not found.";
const CatalogResource kRunbook{kNotFound,
                               kinds::kCreateRunbook,
                               kinds::kUpdateRunbook,
                               kinds::kDeleteRunbook,
                               repo::runbook_exists,
                               repo::find_runbook_json};
constexpr std::size_t kMaxSteps = 200;
constexpr std::int64_t kMaxOrder = 100000;
constexpr std::int64_t kMaxMinutes = 100000;

// One step, its errors named steps.<index>.<field>.
Payload read_step(const rapidjson::Value& step, std::size_t index, std::set<std::int64_t>& orders,
                  FieldErrors& errors) {
  const std::string prefix = fmt::format("steps.{}.", index);
  const auto field = [&](const char* name) { return prefix + name; };
  const rapidjson::Document flat = prefixed(step, prefix);
  refuse_unknown(
      flat,
      {field("order"), field("title"), field("description"), field("command"),
       field("expected_duration_minutes"), field("is_critical"), field("requires_confirmation")},
      {field("id")}, errors);
  Payload payload;
  const auto order = read_int(flat, field("order").c_str(), 1, kMaxOrder,
                              given(flat, field("order").c_str()), errors);
  const std::int64_t position = order.value_or(static_cast<std::int64_t>(index) + 1);
  if (!orders.insert(position).second) {
    errors.add(field("order"), fmt::format("Another step has order {}.", position));
  }
  payload.set_int("order", position);
  const auto title = read_text(flat, field("title").c_str(),
                               {.required = true, .max_length = 200, .allow_blank = false}, errors);
  payload.set_optional("title", title);
  const auto description =
      read_text(flat, field("description").c_str(),
                {.required = given(flat, field("description").c_str())}, errors);
  payload.set_text("description", description.value_or(""));
  payload.set_optional("command", read_text(flat, field("command").c_str(), {}, errors));
  const auto minutes =
      read_int(flat, field("expected_duration_minutes").c_str(), 0, kMaxMinutes, false, errors);
  if (minutes) {
    payload.set_int("expected_duration_minutes", *minutes);
  } else {
    payload.set_optional("expected_duration_minutes", std::nullopt);
  }
  payload.set_bool("is_critical",
                   read_bool(flat, field("is_critical").c_str(), errors).value_or(false));
  payload.set_bool("requires_confirmation",
                   read_bool(flat, field("requires_confirmation").c_str(), errors).value_or(false));
  return payload;
}

Payload read_runbook(const rapidjson::Value& body, WriteMode mode, FieldErrors& errors) {
  const bool full = is_full(mode);
  refuse_unknown(body, {"title", "description", "service", "steps"},
                 {"id", "created_at", "updated_at", "steps_count"}, errors);
  Payload payload;
  const auto title = read_text(
      body, "title",
      {.required = full || given(body, "title"), .max_length = 200, .allow_blank = false}, errors);
  if (title) payload.set_text("title", *title);
  const auto description =
      read_text(body, "description", {.required = given(body, "description")}, errors);
  if (description || full) payload.set_text("description", description.value_or(""));
  const auto service = read_uuid(body, "service", false, errors);
  if (service || full || given(body, "service")) payload.set_optional("service", service);

  const auto steps = body.FindMember("steps");
  if (steps == body.MemberEnd()) {
    if (full) payload.set_empty_list("steps");
    return payload;
  }
  if (!steps->value.IsArray()) {
    errors.add("steps", "Expected a list of steps.");
    return payload;
  }
  if (steps->value.Size() > kMaxSteps) {
    errors.add("steps", fmt::format("Ensure this field has no more than {} elements.", kMaxSteps));
    return payload;
  }
  payload.set_empty_list("steps");
  std::set<std::int64_t> orders;
  for (rapidjson::SizeType i = 0; i < steps->value.Size(); ++i) {
    const rapidjson::Value& step = steps->value[i];
    if (!step.IsObject()) {
      errors.add(fmt::format("steps.{}", i), "Expected an object.");
      continue;
    }
    payload.append("steps", read_step(step, i, orders, errors));
  }
  return payload;
}

}  // namespace

void Runbooks::list(RequestContext& context) {
  repo::RunbookFilter filter;
  filter.search = text_parameter(context, "search");
  filter.service = uuid_parameter(context, "service");
  const PageRequest page = read_page_request(context);
  filter.limit = page.page_size;
  filter.offset = page.offset();
  writes_.answer_page(context, page, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::list_runbooks(tx, filter);
  }));
}

void Runbooks::get(RequestContext& context) { writes_.get(context, kRunbook); }

void Runbooks::write(RequestContext& context, WriteMode mode) {
  const std::string id = writes_.target(context, kRunbook, mode);
  rapidjson::Document body = json_object_body(context);
  references_as_ids(body, "service");
  FieldErrors errors;
  Payload payload = read_runbook(body, mode, errors);
  errors.raise_if_any();
  const rapidjson::Value* service = body.HasMember("service") ? &body["service"] : nullptr;
  if (service != nullptr && service->IsString() && !writes_.read([&](pqxx::read_transaction& tx) {
        return repo::service_exists(tx, {service->GetString(), service->GetStringLength()});
      })) {
    throw invalid_field("service", "Service with this ID does not exist.");
  }
  writes_.save(context, kRunbook, mode, id, payload);
}

void Runbooks::remove(RequestContext& context) { writes_.remove(context, kRunbook); }

}  // namespace switchyard::api::incidents
