// incidents.create_team, update_team (on_call.members given: all replaced),
// delete_team, create_override, delete_override.
#include "incidents/catalog_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/incidents/on_call_repository.hpp"
#include "storage/incidents/teams_repository.hpp"

namespace switchyard::workers::incidents {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

namespace {

constexpr const char* kTaken = "A team with this name already exists.";
constexpr const char* kNoUser = "A user of the rotation no longer exists.";
constexpr const char* kGone = "Team not found.";

bool has_members(const rapidjson::Value& payload) {
  const auto on_call = payload.FindMember("on_call");
  return on_call != payload.MemberEnd() && on_call->value.IsObject() &&
         on_call->value.HasMember("members");
}

}  // namespace

void register_team_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::kCreateTeam,
      catalog_write(kTaken, kNoUser, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        repo::insert_team(tx, to_text(p));
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kUpdateTeam,
      catalog_write(kTaken, kNoUser, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::update_team(tx, required_string(p, "id"), to_text(p), has_members(p))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kDeleteTeam,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::delete_team(tx, required_string(p, "id"))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
  dispatcher.add(kinds::kCreateOverride,
                 catalog_write("", "The team or the user no longer exists.",
                               [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                                 repo::insert_override(tx, to_text(p));
                                 return std::string("{}");
                               }));
  dispatcher.add(
      kinds::kDeleteOverride,
      catalog_write("", kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::delete_override(tx, required_string(p, "team_id"), required_string(p, "id"))) {
          throw caller_error(FailureKind::kNotFound, "Override not found.");
        }
        return std::string("{}");
      }));
}

}  // namespace switchyard::workers::incidents
