#pragma once
// The texts the orchestration posts in Slack (mrkdwn, the incident's own words
// escaped): the war room's first message and the on-call's direct message. Both
// name the incident's short id, severity, title and service, and end with the
// incident's link in the API.
#include <string>

#include "storage/incidents/orchestration_repository.hpp"

namespace switchyard::workers::incidents {

std::string war_room_intro(const storage::incidents::OrchestrationFacts& facts,
                           const std::string& incident_link);
std::string on_call_message(const storage::incidents::OrchestrationFacts& facts,
                            const std::string& incident_link);

}  // namespace switchyard::workers::incidents
