#include "incidents/orchestration_plan.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "domain/incidents/incidents_kinds.hpp"
#include "workflows/workflow_definition.hpp"

namespace switchyard::api::incidents {

namespace kinds = ::switchyard::kinds::incidents;

std::optional<std::string> orchestration_plan(const std::string& incident_id,
                                              const config::ServicesConfig& services) {
  if (services.find_service(std::string(kinds::kOrchestration)) == nullptr) return std::nullopt;
  const auto step = [&](std::string_view id, const domain::TaskKind& kind) {
    return fmt::format(
        R"({{"id":"{}","service":"{}","action":"{}","payload":{{"incident_id":"{}"}}}})", id,
        kind.service, kind.action, incident_id);
  };
  const std::string definition =
      fmt::format(R"({{"failure_policy":"continue","steps":[{},{},{}]}})",
                  step("war_room", kinds::kOpenWarRoom), step("document", kinds::kCreateDocument),
                  step("notify", kinds::kNotifyOnCall));
  rapidjson::Document body;
  body.Parse(definition.c_str(), definition.size());
  const WorkflowRules rules{services, nullptr, false, 3, true};
  return workflow_start_payload(body, incident_id, rules);
}

}  // namespace switchyard::api::incidents
