#pragma once
// The incident manager's services (docs/incidents.md): `incidents`, its writes,
// published by the API (api/incidents) and awaited; `incident_orchestration`, the
// steps of a new incident's orchestration workflow, which call the outside world
// (Slack, the document service, the on-call notifier) and so run on a queue of
// their own, where a slow answer holds no incident write. Both are served by
// workers/incidents.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::incidents {

inline constexpr std::string_view kService = "incidents";

// Incidents.
inline constexpr domain::TaskKind kCreateIncident{kService, "create_incident"};
inline constexpr domain::TaskKind kAcknowledgeIncident{kService, "acknowledge_incident"};
inline constexpr domain::TaskKind kMitigateIncident{kService, "mitigate_incident"};
inline constexpr domain::TaskKind kResolveIncident{kService, "resolve_incident"};
inline constexpr domain::TaskKind kAddComment{kService, "add_comment"};
inline constexpr domain::TaskKind kAddTags{kService, "add_tags"};

// The catalog.
inline constexpr domain::TaskKind kCreateTeam{kService, "create_team"};
inline constexpr domain::TaskKind kUpdateTeam{kService, "update_team"};
inline constexpr domain::TaskKind kDeleteTeam{kService, "delete_team"};
inline constexpr domain::TaskKind kCreateOverride{kService, "create_override"};
inline constexpr domain::TaskKind kDeleteOverride{kService, "delete_override"};
inline constexpr domain::TaskKind kCreateService{kService, "create_service"};
inline constexpr domain::TaskKind kUpdateService{kService, "update_service"};
inline constexpr domain::TaskKind kDeleteService{kService, "delete_service"};
inline constexpr domain::TaskKind kCreateImpactScope{kService, "create_impact_scope"};
inline constexpr domain::TaskKind kUpdateImpactScope{kService, "update_impact_scope"};
inline constexpr domain::TaskKind kDeleteImpactScope{kService, "delete_impact_scope"};
inline constexpr domain::TaskKind kCreateRunbook{kService, "create_runbook"};
inline constexpr domain::TaskKind kUpdateRunbook{kService, "update_runbook"};
inline constexpr domain::TaskKind kDeleteRunbook{kService, "delete_runbook"};
inline constexpr domain::TaskKind kCreateTag{kService, "create_tag"};
inline constexpr domain::TaskKind kUpdateTag{kService, "update_tag"};
inline constexpr domain::TaskKind kDeleteTag{kService, "delete_tag"};
inline constexpr domain::TaskKind kReplaceEscalationPolicy{kService, "replace_escalation_policy"};
inline constexpr domain::TaskKind kDeleteEscalationPolicy{kService, "delete_escalation_policy"};

inline constexpr std::string_view kOrchestration = "incident_orchestration";

inline constexpr domain::TaskKind kOpenWarRoom{kOrchestration, "open_war_room"};
inline constexpr domain::TaskKind kCreateDocument{kOrchestration, "create_document"};
inline constexpr domain::TaskKind kNotifyOnCall{kOrchestration, "notify_on_call"};
// A level of an escalation policy, published delayed by the incident's creation
// and by the level before (docs/incidents.md, "Escalation").
inline constexpr domain::TaskKind kEscalate{kOrchestration, "escalate"};

// The kinds of each worker module (workers/incidents): every kind once in all three.
inline constexpr std::array kIncidentKinds{kCreateIncident,   kAcknowledgeIncident,
                                           kMitigateIncident, kResolveIncident,
                                           kAddComment,       kAddTags};
inline constexpr std::array kCatalogKinds{kCreateTeam,
                                          kUpdateTeam,
                                          kDeleteTeam,
                                          kCreateOverride,
                                          kDeleteOverride,
                                          kCreateService,
                                          kUpdateService,
                                          kDeleteService,
                                          kCreateImpactScope,
                                          kUpdateImpactScope,
                                          kDeleteImpactScope,
                                          kCreateRunbook,
                                          kUpdateRunbook,
                                          kDeleteRunbook,
                                          kCreateTag,
                                          kUpdateTag,
                                          kDeleteTag,
                                          kReplaceEscalationPolicy,
                                          kDeleteEscalationPolicy};
inline constexpr std::array kOrchestrationKinds{kOpenWarRoom, kCreateDocument, kNotifyOnCall,
                                                kEscalate};

}  // namespace switchyard::kinds::incidents
