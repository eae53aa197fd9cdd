#include "incidents/teams.hpp"

#include <fmt/format.h>

#include <regex>

#include "domain/incidents/incidents_kinds.hpp"
#include "http/request_fields.hpp"
#include "incidents/on_call_input.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/teams_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Team not found.";
constexpr std::string_view kDuplicate = "A team with this name already exists.";
const CatalogResource kTeam{kNotFound,          kinds::kCreateTeam, kinds::kUpdateTeam,
                            kinds::kDeleteTeam, repo::team_exists,  repo::find_team_json};

// A write's fields but on_call, checked without the database.
Payload read_team(const rapidjson::Value& body, WriteMode mode, FieldErrors& errors) {
  const bool full = is_full(mode);
  refuse_unknown(body, {"name", "description", "slack_channel_id", "on_call"},
                 {"id", "current_on_call", "created_at", "updated_at"}, errors);
  Payload payload;
  const auto name = read_text(
      body, "name",
      {.required = full || given(body, "name"), .max_length = 200, .allow_blank = false}, errors);
  if (name) payload.set_text("name", *name);
  const auto description =
      read_text(body, "description", {.required = given(body, "description")}, errors);
  if (description || full) payload.set_text("description", description.value_or(""));
  auto channel = read_text(body, "slack_channel_id", {.max_length = 100}, errors);
  if (channel && channel->empty()) channel.reset();
  static const std::regex kSlackChannel("[CG][A-Z0-9]{4,20}");
  if (channel && !std::regex_match(*channel, kSlackChannel)) {
    errors.add("slack_channel_id", "Expected a Slack channel id (C0123456789), or null.");
  }
  if (channel || full || given(body, "slack_channel_id")) {
    payload.set_optional("slack_channel_id", channel);
  }
  return payload;
}

}  // namespace

void Teams::list(RequestContext& context) {
  repo::CatalogFilter filter;
  filter.search = text_parameter(context, "search");
  const PageRequest page = read_page_request(context);
  filter.limit = page.page_size;
  filter.offset = page.offset();
  writes_.answer_page(context, page, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::list_teams(tx, filter);
  }));
}

void Teams::get(RequestContext& context) { writes_.get(context, kTeam); }

void Teams::write(RequestContext& context, WriteMode mode) {
  const std::string id = writes_.target(context, kTeam, mode);
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  Payload payload = read_team(body, mode, errors);
  auto on_call = read_on_call(body, mode, errors);
  errors.raise_if_any();
  writes_.read([&](pqxx::read_transaction& tx) {
    if (on_call && on_call->time_zone) {
      on_call->time_zone = repo::known_time_zone(tx, *on_call->time_zone);
      if (!on_call->time_zone) {
        errors.add("on_call.time_zone", "Unknown time zone: expected an IANA name (Europe/Paris).");
      }
    }
    if (on_call && on_call->members) {
      for (const auto user : repo::unknown_users(tx, *on_call->members)) {
        errors.add("on_call.members", fmt::format("User {} does not exist.", user));
      }
    }
    errors.raise_if_any();
    if (body.HasMember("name") &&
        repo::team_name_taken(tx, body["name"].GetString(), changed_row(mode, id))) {
      throw conflict(kDuplicate);
    }
  });
  if (on_call) {
    Payload rotation = on_call->payload();
    payload.set_object("on_call", rotation);
  }
  writes_.save(context, kTeam, mode, id, payload);
}

void Teams::remove(RequestContext& context) { writes_.remove(context, kTeam); }

}  // namespace switchyard::api::incidents
