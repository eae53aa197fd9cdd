#include "incidents/slack_messages.hpp"

#include <fmt/format.h>

#include "incidents/slack_client.hpp"

namespace switchyard::workers::incidents {
namespace {

std::string summary(const storage::incidents::OrchestrationFacts& facts,
                    const std::string& incident_link) {
  std::string service = slack_escape(facts.service_name);
  if (facts.team_name) service += fmt::format(" (team {})", slack_escape(*facts.team_name));
  return fmt::format("*{}* · {} · {}\nService: {}\nIncident: {}", slack_escape(facts.short_id),
                     facts.severity, slack_escape(facts.title), service, incident_link);
}

}  // namespace

std::string war_room_intro(const storage::incidents::OrchestrationFacts& facts,
                           const std::string& incident_link) {
  return ":rotating_light: War room of " + summary(facts, incident_link);
}

std::string on_call_message(const storage::incidents::OrchestrationFacts& facts,
                            const std::string& incident_link) {
  return ":rotating_light: You are on call for a new incident: " + summary(facts, incident_link);
}

}  // namespace switchyard::workers::incidents
