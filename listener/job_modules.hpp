#pragma once
// The domains whose scheduled jobs this listener runs, one line each
// (docs/adding-a-domain.md).
#include "job_module.hpp"
#include "releases/releases_jobs.hpp"
#include "tasks/tasks_jobs.hpp"

namespace switchyard::listener {

using Modules = JobModules<TasksJobs,
                           ReleasesJobs>;

}  // namespace switchyard::listener
