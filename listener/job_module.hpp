#pragma once
// JobModule: one domain's scheduled jobs in the listener (tasks: the ledger's
// retention; releases: the periodic cluster collection, a slave's master sync),
// kept in its own folder listener/<domain>/. A module class M derives from
// JobModule, builds what its jobs use in `explicit M(JobContext&)` (only the jobs
// this deployment's settings turn on), and hands them over in jobs(). The process
// plugs it in with one line in listener/job_modules.hpp; the scheduler runs every
// module's jobs on the listener that holds the leader lease.
#include <memory>
#include <vector>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "config/settings.hpp"
#include "scheduler.hpp"

namespace switchyard::listener {

// What the composition root (listener/main.cpp) shares with every module; it
// outlives the modules.
struct JobContext {
  const config::Settings& settings;
  const config::ServicesConfig& services;
  // The scheduler's task publisher, for jobs that publish tasks. A module that
  // has such a job sets publisher_used; main starts the publisher only then.
  amqp::TaskPublisher& publisher;
  bool publisher_used = false;
};

class JobModule {
 public:
  virtual ~JobModule() = default;
  // The module's jobs, bound to the module: `this` must outlive the scheduler.
  virtual std::vector<ScheduledJob> jobs() = 0;
};

// JobModules<M...>: the modules one listener process runs, in order (the list is
// listener/job_modules.hpp).
template <class... Modules>
struct JobModules {
  static std::vector<std::unique_ptr<JobModule>> make(JobContext& context) {
    std::vector<std::unique_ptr<JobModule>> modules;
    (modules.push_back(std::make_unique<Modules>(context)), ...);
    return modules;
  }

  static std::vector<ScheduledJob> jobs(const std::vector<std::unique_ptr<JobModule>>& modules) {
    std::vector<ScheduledJob> all;
    for (const auto& module : modules) {
      for (auto& job : module->jobs()) all.push_back(std::move(job));
    }
    return all;
  }
};

}  // namespace switchyard::listener
