#pragma once
// The ledger's retention: a scheduler job that deletes finished tasks (succeeded,
// failed, cancelled) once TASK_RETENTION_HOURS have passed since they finished,
// as Celery expires results. Deletes in batches, each its own short transaction,
// so a large backlog never holds long locks; one pass stops after a few seconds
// and the next turn goes on.
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "config/settings.hpp"

namespace switchyard::listener {

class TaskRetention {
 public:
  explicit TaskRetention(const config::Settings& settings) : settings_(settings) {}

  bool enabled() const { return settings_.task_retention.count() > 0; }
  void purge();

 private:
  const config::Settings& settings_;
  std::unique_ptr<pqxx::connection> db_;
};

}  // namespace switchyard::listener
