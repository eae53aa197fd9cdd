#pragma once
// The scheduled tasks of /system/tasks in the listener: ScheduleFiring, every
// second on the leader. It publishes tasks, so it asks main for the publisher.
#include "job_module.hpp"
#include "schedules/schedule_firing.hpp"

namespace switchyard::listener {

class SchedulesJobs final : public JobModule {
 public:
  explicit SchedulesJobs(JobContext& context)
      : firing_(context.settings.database_url, context.publisher, context.services) {
    context.publisher_used = true;
  }

  std::vector<ScheduledJob> jobs() override {
    ScheduledJob job{"scheduled tasks", std::chrono::seconds(1),
                     [this] { return firing_.fire_due(); }, std::chrono::seconds(1)};
    job.listed = false;  // the machinery of /system/tasks, not one of its items
    return {std::move(job)};
  }

 private:
  ScheduleFiring firing_;
};

}  // namespace switchyard::listener
