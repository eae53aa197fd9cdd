#pragma once
// BuiltinJobs: the listener's own periodic jobs (ledger retention, cluster
// collection, a slave's master sync) as read-only items of /system/tasks. When
// this listener becomes the leader it writes the rows of exactly the jobs this
// deployment runs (`builtin`, type interval); after each run, last_run, next_run
// and the success or failure count. Database trouble is logged and skipped: the
// listing is a report, never a reason for a job not to run.
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "scheduler.hpp"

namespace switchyard::listener {

class BuiltinJobs final : public SchedulerObserver {
 public:
  explicit BuiltinJobs(std::string database_url) : database_url_(std::move(database_url)) {}

  void leading(const std::vector<ScheduledJob>& jobs) override;
  void ran(const ScheduledJob& job, bool done, std::chrono::milliseconds next_in) override;

  // The item id of a job: its name, lowercase, other characters as '_'
  // ("task retention" → task_retention).
  static std::string id_of(const std::string& name);

 private:
  pqxx::connection& connection();

  std::string database_url_;
  std::unique_ptr<pqxx::connection> db_;
};

}  // namespace switchyard::listener
