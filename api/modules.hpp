#pragma once
// The domains this API serves, one line each (docs/adding-a-domain.md). Their
// routes form the one route table, their fragments the one OpenAPI document.
#include "alerts/alerts_api.hpp"
#include "api_modules.hpp"
#include "console/console_api.hpp"
#include "events/events_api.hpp"
#include "identity/identity_api.hpp"
#include "incidents/catalog_api.hpp"
#include "incidents/incident_metrics_api.hpp"
#include "incidents/incidents_api.hpp"
#include "plugins/plugins_api.hpp"
#include "releases/releases_api.hpp"
#include "schedules/schedules_api.hpp"
#include "slack/slack_api.hpp"
#include "system/system_api.hpp"
#include "tasks/tasks_api.hpp"
#include "tracker/tracker_api.hpp"
#include "workflows/workflows_api.hpp"

namespace switchyard::api {

using Modules = ApiModules<TasksApi, WorkflowsApi, IdentityApi, tracker::TrackerApi,
                           releases::ReleasesApi, incidents::IncidentsApi, incidents::CatalogApi,
                           incidents::IncidentMetricsApi, slack::SlackApi, SchedulesApi, PluginsApi,
                           alerts::AlertsApi, events::EventsApi, SystemApi, ConsoleApi>;

}  // namespace switchyard::api
