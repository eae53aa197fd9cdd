#include "incidents/services_catalog.hpp"

#include <algorithm>

#include "domain/incidents/incidents_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/services_repository.hpp"
#include "storage/incidents/teams_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Service not found.";
constexpr std::string_view kDuplicate = "A service with this name already exists.";
const CatalogResource kService{kNotFound,
                               kinds::kCreateService,
                               kinds::kUpdateService,
                               kinds::kDeleteService,
                               repo::service_exists,
                               repo::find_service_json};
const std::vector<std::string_view> kCriticalities = {"TIER_1_CRITICAL", "TIER_2_HIGH",
                                                      "TIER_3_MEDIUM", "TIER_4_LOW"};

// An absolute http(s) URL: a scheme, a host, no spaces or control characters.
bool is_web_url(const std::string& url) {
  const std::size_t host = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
  if (host == 0 || url.size() == host || url[host] == '/' || url[host] == '?' || url[host] == '#') {
    return false;
  }
  return std::none_of(url.begin(), url.end(),
                      [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

// The fields of a write, checked without the database.
Payload read_service(const rapidjson::Value& body, WriteMode mode, FieldErrors& errors) {
  const bool full = is_full(mode);
  refuse_unknown(body, {"name", "description", "owner_team", "criticality", "runbook_url"},
                 {"id", "created_at", "updated_at"}, errors);
  Payload payload;
  const auto name = read_text(
      body, "name",
      {.required = full || given(body, "name"), .max_length = 200, .allow_blank = false}, errors);
  if (name) payload.set_text("name", *name);
  const auto description =
      read_text(body, "description", {.required = given(body, "description")}, errors);
  if (description || full) payload.set_text("description", description.value_or(""));
  const auto owner_team = read_uuid(body, "owner_team", false, errors);
  if (owner_team || full || (given(body, "owner_team") && body["owner_team"].IsNull())) {
    payload.set_optional("owner_team", owner_team);
  }
  const auto criticality =
      read_choice(body, "criticality", kCriticalities, given(body, "criticality"), errors);
  if (criticality || full) payload.set_text("criticality", criticality.value_or("TIER_3_MEDIUM"));
  auto runbook_url = read_text(body, "runbook_url", {.max_length = 2000}, errors);
  if (runbook_url && runbook_url->empty()) runbook_url.reset();  // "" is no URL, as null
  if (runbook_url && !is_web_url(*runbook_url)) {
    errors.add("runbook_url", "Enter a valid URL (http:// or https://).");
  }
  if (runbook_url || full || given(body, "runbook_url")) {
    payload.set_optional("runbook_url", runbook_url);
  }
  return payload;
}

}  // namespace

void ServicesCatalog::list(RequestContext& context) {
  repo::ServiceFilter filter;
  filter.search = text_parameter(context, "search");
  if (auto criticality = text_parameter(context, "criticality")) {
    filter.criticality = match_choice(*criticality, kCriticalities);
    if (!filter.criticality) {
      throw invalid_field("criticality",
                          "Select one of TIER_1_CRITICAL, TIER_2_HIGH, "
                          "TIER_3_MEDIUM, TIER_4_LOW.");
    }
  }
  filter.owner_team = uuid_parameter(context, "owner_team");
  const PageRequest page = read_page_request(context);
  filter.limit = page.page_size;
  filter.offset = page.offset();
  writes_.answer_page(context, page, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::list_services(tx, filter);
  }));
}

void ServicesCatalog::get(RequestContext& context) { writes_.get(context, kService); }

void ServicesCatalog::write(RequestContext& context, WriteMode mode) {
  const std::string id = writes_.target(context, kService, mode);
  rapidjson::Document body = json_object_body(context);
  references_as_ids(body, "owner_team");
  FieldErrors errors;
  Payload payload = read_service(body, mode, errors);
  errors.raise_if_any();
  writes_.read([&](pqxx::read_transaction& tx) {
    const rapidjson::Value* team = body.HasMember("owner_team") ? &body["owner_team"] : nullptr;
    if (team != nullptr && team->IsString() &&
        !repo::team_exists(tx, {team->GetString(), team->GetStringLength()})) {
      errors.add("owner_team", "Team with this ID does not exist.");
    }
    errors.raise_if_any();
    if (body.HasMember("name") &&
        repo::service_name_taken(tx, body["name"].GetString(), changed_row(mode, id))) {
      throw conflict(kDuplicate);
    }
  });
  writes_.save(context, kService, mode, id, payload);
}

void ServicesCatalog::remove(RequestContext& context) {
  writes_.remove(context, kService, [](pqxx::read_transaction& tx, const std::string& id) {
    if (repo::service_has_incidents(tx, id)) {
      throw conflict("This service is named by incidents and cannot be deleted.");
    }
  });
}

}  // namespace switchyard::api::incidents
