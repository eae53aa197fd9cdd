#pragma once
// The domains this worker serves, one line each (docs/adding-a-domain.md). Each
// adds the handlers of its service's kinds; the worker consumes the queues of
// those services that services.yaml configures.
#include "alerts/alerts_tasks.hpp"
#include "identity/identity_tasks.hpp"
#include "incidents/catalog_tasks.hpp"
#include "incidents/incident_tasks.hpp"
#include "incidents/orchestration_tasks.hpp"
#include "plugins/plugins_tasks.hpp"
#include "releases/releases_tasks.hpp"
#include "schedules/schedules_tasks.hpp"
#include "slack/slack_tasks.hpp"
#include "system/system_tasks.hpp"
#include "tracker/tracker_tasks.hpp"
#include "worker_module.hpp"
#include "workflows/workflows_tasks.hpp"

namespace switchyard::workers {

using Modules =
    WorkerModules<system::SystemTasks, identity::IdentityTasks, tracker::TrackerTasks,
                  releases::ReleasesTasks, workflows::WorkflowsTasks, incidents::IncidentTasks,
                  incidents::CatalogTasks, incidents::OrchestrationTasks, slack::SlackTasks,
                  schedules::SchedulesTasks, plugins::PluginsTasks, alerts::AlertsTasks>;

}  // namespace switchyard::workers
