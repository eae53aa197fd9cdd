#pragma once
// The body of PUT /api/v1/services/{id}/escalation-policy/ (docs/incidents.md,
// "Escalation"), checked without the database:
//   {"levels": [{"wait_seconds": 0..86400,
//                "targets": [{"type": "owner_on_call"}
//                            | {"type": "team_on_call", "team": "<uuid>" | {"id": ...}}
//                            | {"type": "user", "email": "..."}]}]}
// 1 to 10 levels of 1 to 10 targets. `wait_seconds` (default 0) is the wait before
// the level: level 1's from the incident's creation, each next one's from the
// level before. Every problem is recorded at once, a nested field named whole
// ("levels.1.targets.0.team"); unknown fields are errors, but the answer's own
// read-only fields (`service`, `created_at`, `updated_at`) may be sent back.
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "incidents/imas_fields.hpp"

namespace switchyard::api::incidents {

inline constexpr std::size_t kMaxEscalationLevels = 10;
inline constexpr std::size_t kMaxEscalationTargets = 10;
inline constexpr std::int64_t kMaxEscalationWaitSeconds = 86400;

struct EscalationPolicyInput {
  std::string levels_json;  // normalised: every level with its wait, targets as above
  // The teams the targets name, with the field that names each, for the
  // existence check (400 "Team with this ID does not exist.").
  std::vector<std::pair<std::string, std::string>> teams;  // {field, team id}
};

EscalationPolicyInput read_escalation_policy(const rapidjson::Value& body, FieldErrors& errors);

}  // namespace switchyard::api::incidents
