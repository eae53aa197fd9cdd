#pragma once
// ScheduleFiring: the scheduler job (leader only, every second) that fires the
// due schedules of /system/tasks (docs/scheduling.md#scheduled-tasks). For each
// due schedule, oldest first:
//   1. plan its fires by its misfire policy (domain/schedules/schedule_timing.hpp);
//   2. publish each fire's task with confirm, id = schedule_fire_task_id(fire key,
//      fire time), submitted_by "schedule:<id>", idempotency_key
//      "schedule:<id>@<fire time>";
//   3. only then move its next_run past them, if no one changed it meanwhile.
// A leader that dies between 2 and 3 leaves next_run where it was: the next
// leader plans the same fires and publishes the same ids again, which the
// ledger's upsert and the workers' exactly-once check absorb — no fire lost, no
// effect doubled. A publish that fails stops the pass (retried in a second).
#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"

namespace switchyard::listener {

class ScheduleFiring {
 public:
  // How late a fire may be and still be on time rather than missed.
  static constexpr std::chrono::seconds kGrace{5};

  ScheduleFiring(std::string database_url, amqp::TaskPublisher& publisher,
                 const config::ServicesConfig& services)
      : database_url_(std::move(database_url)), publisher_(publisher), services_(services) {}

  // One pass; false when it could not finish (database or broker down).
  bool fire_due();

 private:
  std::string database_url_;
  amqp::TaskPublisher& publisher_;
  const config::ServicesConfig& services_;
  std::unique_ptr<pqxx::connection> db_;
};

}  // namespace switchyard::listener
