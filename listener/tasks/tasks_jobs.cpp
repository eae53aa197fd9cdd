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
  return jobs;
}

}  // namespace switchyard::listener
