#pragma once
// A task the platform publishes itself (an awaited write of the API, a scheduled
// collection of the listener): a fresh id, now as submission time, and the
// action's attempts and timeout from services.yaml.
#include <string>

#include "config/services_config.hpp"
#include "domain/task_kind.hpp"
#include "envelope/task_envelope.hpp"

namespace switchyard::envelope {

TaskEnvelope internal_task(const config::ServicesConfig& services, domain::TaskKind kind,
                           std::string payload_json, std::string submitted_by);

}  // namespace switchyard::envelope
