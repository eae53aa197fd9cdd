#pragma once
// The orchestration of a new incident (docs/incidents.md, "Orchestration"): a
// workflow with the incident's id and three steps — the Slack war room, the
// incident document, the on-call notification — that depend on nothing, so none
// waits for another, under policy `continue`, so a step that fails for good stops
// none of the others. Each step is a task of `incident_orchestration` with its own
// retries; its payload names the incident.
#include <optional>
#include <string>

#include "config/services_config.hpp"

namespace switchyard::api::incidents {

// The workflow's definition (the payload a workflows.start would carry), or
// nullopt when this deployment's services.yaml has no incident_orchestration
// service: orchestration is then off.
std::optional<std::string> orchestration_plan(const std::string& incident_id,
                                              const config::ServicesConfig& services);

}  // namespace switchyard::api::incidents
