#pragma once
// The throughput history's pruning (migrations/0035, task_minutes): a scheduler
// job that deletes the minutes older than a day, the history
// GET /api/v1/tasks/throughput may ask for. Runs whatever TASK_RETENTION_HOURS
// says: the minutes are a summary of the ledger, not the ledger.
#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::listener {

class ThroughputHistory {
 public:
  explicit ThroughputHistory(std::string database_url) : database_url_(std::move(database_url)) {}

  void prune();

 private:
  std::string database_url_;
  std::unique_ptr<pqxx::connection> db_;
};

}  // namespace switchyard::listener
