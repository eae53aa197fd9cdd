#pragma once
// The task platform's scheduled jobs: the ledger's retention (TaskRetention),
// when TASK_RETENTION_HOURS is not 0, and the throughput history's pruning.
#include "job_module.hpp"
#include "tasks/task_retention.hpp"
#include "tasks/throughput_history.hpp"

namespace switchyard::listener {

class TasksJobs final : public JobModule {
 public:
  explicit TasksJobs(JobContext& context)
      : retention_(context.settings.database_url, context.settings.task_retention),
        throughput_history_(context.settings.database_url) {}

  std::vector<ScheduledJob> jobs() override;

 private:
  TaskRetention retention_;
  ThroughputHistory throughput_history_;
};

}  // namespace switchyard::listener
