#include "incidents/on_call.hpp"

#include <limits>

#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/on_call_repository.hpp"
#include "storage/incidents/teams_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNoTeam = "Team not found.";
constexpr std::string_view kNoOverride = "Override not found.";

void require_team(CatalogWrites& writes, const std::string& team_id) {
  if (!writes.read([&](pqxx::read_transaction& tx) { return repo::team_exists(tx, team_id); })) {
    throw not_found(kNoTeam);
  }
}

}  // namespace

void OnCall::create_override(RequestContext& context) {
  const std::string team_id = catalog_id(context, "id", kNoTeam);
  require_team(writes_, team_id);
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  refuse_unknown(body, {"user", "starts_at", "ends_at"}, {"id"}, errors);
  const auto user =
      read_int(body, "user", 1, std::numeric_limits<std::int64_t>::max(), true, errors);
  auto starts_at = read_datetime(body, "starts_at", true, errors);
  auto ends_at = read_datetime(body, "ends_at", true, errors);
  errors.raise_if_any();
  writes_.read([&](pqxx::read_transaction& tx) {
    if (!repo::unknown_users(tx, {*user}).empty()) errors.add("user", "User does not exist.");
    starts_at = repo::utc_time(tx, *starts_at);
    if (!starts_at) errors.add("starts_at", "Not a valid date-time.");
    ends_at = repo::utc_time(tx, *ends_at);
    if (!ends_at) errors.add("ends_at", "Not a valid date-time.");
    if (starts_at && ends_at && *ends_at <= *starts_at) {
      errors.add("ends_at", "Must be after starts_at.");
    }
    errors.raise_if_any();
  });
  const std::string id = envelope::new_task_id();
  Payload payload;
  payload.set_text("id", id);
  payload.set_text("team_id", team_id);
  payload.set_int("user", *user);
  payload.set_text("starts_at", *starts_at);
  payload.set_text("ends_at", *ends_at);
  writes_.write(context, kinds::kCreateOverride, payload.text(), Http::Code::Created,
                [id](pqxx::read_transaction& tx) { return repo::find_override_json(tx, id); });
}

void OnCall::remove_override(RequestContext& context) {
  const std::string team_id = catalog_id(context, "id", kNoTeam);
  const std::string id = catalog_id(context, "override_id", kNoOverride);
  if (!writes_.read(
          [&](pqxx::read_transaction& tx) { return repo::override_exists(tx, team_id, id); })) {
    throw not_found(kNoOverride);
  }
  writes_.remove(context, kinds::kDeleteOverride,
                 json::string_object({{"team_id", team_id}, {"id", id}}));
}

void OnCall::at(RequestContext& context) {
  const std::string team_id = catalog_id(context, "id", kNoTeam);
  std::string at = "now";
  if (auto given_at = context.query("at"); given_at && !given_at->empty()) {
    if (given_at->size() > 64 || !is_iso8601(*given_at)) {
      throw invalid_field("at", "Datetime has wrong format. Use ISO 8601 with an offset.");
    }
    at = *given_at;
  }
  CatalogWrites::answer_found(context, writes_.read([&](pqxx::read_transaction& tx) {
    const auto utc = repo::utc_time(tx, at);
    if (!utc) throw invalid_field("at", "Not a valid date-time.");
    return repo::on_call_at_json(tx, team_id, *utc);
  }),
                              kNoTeam);
}

}  // namespace switchyard::api::incidents
