// incidents.replace_escalation_policy {"service", "levels"} (PUT: created or
// replaced whole), incidents.delete_escalation_policy {"service"}.
#include "incidents/catalog_tasks.hpp"
#include "json/json_fields.hpp"
#include "payload_fields.hpp"
#include "storage/incidents/escalation_repository.hpp"

namespace switchyard::workers::incidents {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

namespace {

constexpr const char* kNoService = "The service no longer exists.";

}  // namespace

void register_escalation_policy_handlers(Dispatcher& dispatcher) {
  dispatcher.add(kinds::kReplaceEscalationPolicy,
                 catalog_write(kNoService, kNoService,
                               [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                                 const auto levels = p.FindMember("levels");
                                 if (levels == p.MemberEnd() || !levels->value.IsArray()) {
                                   throw bad_payload("levels", "an array");
                                 }
                                 repo::replace_escalation_policy(tx, required_string(p, "service"),
                                                                 json::to_text(levels->value));
                                 return std::string("{}");
                               }));
  dispatcher.add(
      kinds::kDeleteEscalationPolicy,
      catalog_write(
          kNoService, kNoService, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
            if (!repo::delete_escalation_policy(tx, required_string(p, "service"))) {
              throw caller_error(FailureKind::kNotFound, "This service has no escalation policy.");
            }
            return std::string("{}");
          }));
}

}  // namespace switchyard::workers::incidents
