#include "tasks/tasks_jobs.hpp"

namespace switchyard::listener {

std::vector<ScheduledJob> TasksJobs::jobs() {
  std::vector<ScheduledJob> jobs;
  if (retention_.enabled()) {
    jobs.push_back({"task retention", std::chrono::minutes(1), [this] {
                      retention_.purge();  // a backlog goes on at the next turn
                      return true;
                    }});
  }
  jobs.push_back({"throughput history", std::chrono::minutes(10), [this] {
                    throughput_history_.prune();
                    return true;
                  }});
  return jobs;
}

}  // namespace switchyard::listener
