// The ledger's retention end to end: the scheduler's leader deletes tasks that
// finished more than TASK_RETENTION_HOURS ago (succeeded, failed, cancelled), as
// soon as it takes the lead and then every minute; dead and recent tasks stay.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "task_api_client.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

TEST(TaskRetention, TheLeaderPurgesTasksFinishedBeforeTheRetention) {
  TestStack stack({"task_retention_e2e", 1, {{"TASK_RETENTION_HOURS", "24"}}});
  TaskApiClient api(stack.base_url());
  const std::string recent = api.submit_id(R"({"service":"system","action":"noop"})");
  ASSERT_TRUE(api.reaches(recent, "succeeded"));

  // The running listener already purged at start; a new leader purges at once.
  stack.listener().stop();
  {
    pqxx::connection db(stack.database_url());
    pqxx::work tx(db);
    for (const char* status : {"succeeded", "failed", "cancelled", "dead"}) {
      tx.exec_params0(
          "INSERT INTO tasks (id, service, action, status, submitted_at, finished_at) "
          "VALUES (gen_random_uuid(), 'system', 'noop', $1, now() - interval '3 days', "
          "now() - interval '2 days')",
          status);
    }
    tx.commit();
  }
  auto leader = stack.start_process("switchyard-listener", "listener-retention");
  const auto remaining = [&] {
    pqxx::connection db(stack.database_url());
    pqxx::nontransaction tx(db);
    return tx.exec1(
        "SELECT count(*) FILTER (WHERE submitted_at < now() - interval '1 day'), "
        "count(*) FILTER (WHERE status = 'dead'), count(*) FROM tasks");
  };
  ASSERT_TRUE(eventually([&] { return remaining()[0].as<int>() == 1; }))
      << "the old finished tasks were not purged:\n"
      << leader->log();
  const auto rows = remaining();
  EXPECT_EQ(rows[1].as<int>(), 1);  // the dead task stays for a replay
  EXPECT_EQ(rows[2].as<int>(), 2);  // it and the recent task
  EXPECT_EQ(api.status_of(recent), "succeeded");
  EXPECT_NE(leader->log().find("retention: deleted 3 tasks"), std::string::npos) << leader->log();
}

}  // namespace
}  // namespace switchyard::testing
