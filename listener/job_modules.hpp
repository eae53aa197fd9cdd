#pragma once
// The domains whose scheduled jobs this listener runs, one line each
// (docs/adding-a-domain.md).
#include "job_module.hpp"
#include "releases/releases_jobs.hpp"
#include "schedules/schedules_jobs.hpp"
#include "tasks/tasks_jobs.hpp"

namespace switchyard::listener {

using Modules = JobModules<TasksJobs, ReleasesJobs, SchedulesJobs>;

}  // namespace switchyard::listener
