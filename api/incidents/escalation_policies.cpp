#include "incidents/escalation_policies.hpp"

#include "domain/incidents/incidents_kinds.hpp"
#include "http/request_fields.hpp"
#include "incidents/escalation_policy_input.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/escalation_repository.hpp"
#include "storage/incidents/services_repository.hpp"
#include "storage/incidents/teams_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

constexpr std::string_view kNoService = "Service not found.";
constexpr std::string_view kNoPolicy = "This service has no escalation policy.";

}  // namespace

void EscalationPolicies::get(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNoService);
  const auto policy = writes_.read([&](pqxx::read_transaction& tx) {
    if (!repo::service_exists(tx, id)) throw not_found(kNoService);
    return repo::find_escalation_policy_json(tx, id);
  });
  CatalogWrites::answer_found(context, policy, kNoPolicy);
}

void EscalationPolicies::replace(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNoService);
  if (!writes_.read([&](pqxx::read_transaction& tx) { return repo::service_exists(tx, id); })) {
    throw not_found(kNoService);
  }
  const rapidjson::Document body = json_object_body(context);
  FieldErrors errors;
  const EscalationPolicyInput input = read_escalation_policy(body, errors);
  errors.raise_if_any();
  writes_.read([&](pqxx::read_transaction& tx) {
    for (const auto& [field, team] : input.teams) {
      if (!repo::team_exists(tx, team)) errors.add(field, "Team with this ID does not exist.");
    }
    errors.raise_if_any();
  });
  writes_.write(
      context, kinds::kReplaceEscalationPolicy,
      R"({"service":")" + id + R"(","levels":)" + input.levels_json + "}", Http::Code::Ok,
      [id](pqxx::read_transaction& tx) { return repo::find_escalation_policy_json(tx, id); });
}

void EscalationPolicies::remove(RequestContext& context) {
  const std::string id = catalog_id(context, "id", kNoService);
  writes_.read([&](pqxx::read_transaction& tx) {
    if (!repo::service_exists(tx, id)) throw not_found(kNoService);
    if (!repo::find_escalation_policy_json(tx, id)) throw not_found(kNoPolicy);
  });
  writes_.remove(context, kinds::kDeleteEscalationPolicy, json::string_object({{"service", id}}));
}

}  // namespace switchyard::api::incidents
