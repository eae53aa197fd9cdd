#include "incidents/teams.hpp"

#include <fmt/format.h>

#include <regex>

#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "incidents/on_call_input.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/teams_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNotFound = "Team not found.";
constexpr std::string_view kDuplicate = "A team with this name already exists.";

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

void Teams::get(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNotFound);
  CatalogWrites::answer_found(context, writes_.read([&](pqxx::read_transaction& tx) {
    return repo::find_team_json(tx, id);
  }),
                              kNotFound);
}

void Teams::write(RequestContext& context, WriteMode mode) {
  const bool create = mode == WriteMode::kCreate;
  const std::string id = create ? envelope::new_task_id() : catalog_id(context, "id", kNotFound);
  if (!create &&
      !writes_.read([&](pqxx::read_transaction& tx) { return repo::team_exists(tx, id); })) {
    throw not_found(kNotFound);
  }
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
        repo::team_name_taken(tx, body["name"].GetString(),
                              create ? std::nullopt : std::optional<std::string>(id))) {
      throw conflict(kDuplicate);
    }
  });
  if (on_call) {
    Payload rotation = on_call->payload();
    payload.set_object("on_call", rotation);
  }
  payload.set_text("id", id);
  writes_.write(context, create ? kinds::kCreateTeam : kinds::kUpdateTeam, payload.text(),
                create ? Http::Code::Created : Http::Code::Ok,
                [id](pqxx::read_transaction& tx) { return repo::find_team_json(tx, id); });
}

void Teams::remove(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNotFound);
  if (!writes_.read([&](pqxx::read_transaction& tx) { return repo::team_exists(tx, id); })) {
    throw not_found(kNotFound);
  }
  writes_.remove(context, kinds::kDeleteTeam, json::string_object({{"id", id}}));
}

}  // namespace switchyard::api::incidents
