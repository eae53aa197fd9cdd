#pragma once
// The ledger's retention: a scheduler job that deletes finished tasks (succeeded,
// failed, cancelled) once TASK_RETENTION_HOURS have passed since they finished,
// as Celery expires results. Deletes in batches, each its own short transaction,
// so a large backlog never holds long locks; one pass stops after a few seconds
// and the next turn goes on.
#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::listener {

class TaskRetention {
 public:
  // A `retention` of 0 turns the job off (TASK_RETENTION_HOURS=0).
  TaskRetention(std::string database_url, std::chrono::hours retention)
      : database_url_(std::move(database_url)), retention_(retention) {}

  bool enabled() const { return retention_.count() > 0; }
  void purge();

 private:
  std::string database_url_;
  std::chrono::hours retention_;
  std::unique_ptr<pqxx::connection> db_;
};

}  // namespace switchyard::listener
