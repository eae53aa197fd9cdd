// A worker killed with SIGKILL in the middle of a few thousand tasks loses none:
// its unacked deliveries go back to the queue, another worker finishes them, and
// every task that got a 202 ends `succeeded` with exactly one effect (one row in
// system_executions, written by system.record in the worker's transaction).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <csignal>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

TEST(WorkerCrash, EveryAcceptedTaskSucceedsOnceWhenWorkersAreKilled) {
  TestStack stack({"worker_crash_e2e", 2, {}});
  constexpr int kTasks = 3000;
  constexpr int kThreads = 8;
  std::atomic<int> next{0};
  std::mutex mutex;
  std::vector<std::string> ids;
  std::vector<std::thread> submitters;
  for (int t = 0; t < kThreads; ++t) {
    submitters.emplace_back([&] {
      HttpClient client(stack.base_url());
      for (int i = next++; i < kTasks; i = next++) {
        // system.record writes its effect in the worker's transaction.
        const auto response = client.request(
            "POST", "/api/v1/tasks", R"({"service":"system","action":"record","payload":{}})",
            admin_headers());
        if (response.status != 202) continue;
        rapidjson::Document doc;
        doc.Parse(response.body.c_str());
        std::lock_guard lock(mutex);
        ids.emplace_back(doc["id"].GetString());
      }
    });
  }

  pqxx::connection db(stack.database_url());
  auto count = [&](const std::string& where) {
    pqxx::nontransaction tx(db);
    return tx.exec("SELECT count(*) FROM tasks WHERE " + where)[0][0].as<int>();
  };
  // Three times: wait until work is under way, kill -9 a worker, start a new one.
  for (int round = 0; round < 3; ++round) {
    const int before = count("status = 'succeeded'");
    ASSERT_TRUE(eventually([&] { return count("status = 'succeeded'") > before + 100; }))
        << "no progress before kill " << round;
    auto& workers = stack.workers();
    auto& victim = workers[static_cast<std::size_t>(round % 2)];
    victim->kill9();
    victim = stack.start_process("switchyard-worker", "worker-restarted-" + std::to_string(round));
  }
  for (auto& thread : submitters) thread.join();
  ASSERT_GT(ids.size(), static_cast<std::size_t>(kTasks * 9 / 10)) << "too few tasks accepted";

  std::string id_array = "{";
  for (const auto& id : ids) id_array += (id_array.size() > 1 ? "," : "") + id;
  id_array += "}";
  // Rows of `table` whose `column` is one of the accepted ids and match `where`.
  auto count_ids = [&](const std::string& where, const std::string& table = "tasks",
                       const std::string& column = "id") {
    pqxx::nontransaction tx(db);
    return tx
        .exec_params("SELECT count(*) FROM " + table + " WHERE " + column +
                         " = ANY($1::uuid[]) AND " + where,
                     id_array)[0][0]
        .as<std::size_t>();
  };
  EXPECT_TRUE(eventually([&] { return count_ids("status = 'succeeded'") == ids.size(); },
                         std::chrono::seconds(120)));
  const std::size_t succeeded = count_ids("status = 'succeeded'");
  const std::size_t other = count_ids("status <> 'succeeded'");
  const std::size_t effects = count_ids("true", "system_executions", "task_id");
  const std::size_t once = count_ids("true",
                                     "(SELECT task_id FROM system_executions GROUP BY task_id "
                                     "HAVING count(*) = 1) e",
                                     "task_id");
  const std::size_t doubled = ids.size() - once;
  std::printf(
      "accepted %zu, succeeded %zu, other %zu, lost %zu, effects %zu, tasks without exactly "
      "one effect %zu\n",
      ids.size(), succeeded, other, ids.size() - succeeded - other, effects, doubled);
  EXPECT_EQ(effects, ids.size());  // one effect per task: none lost, none doubled
  EXPECT_EQ(doubled, 0u);
  EXPECT_EQ(succeeded, ids.size());
  EXPECT_EQ(other, 0u);
  // The stats (kept by triggers on every write) agree: no task counted twice.
  EXPECT_EQ(count("true"), count("status = 'succeeded'"));

  // A worker that is asked to stop (SIGTERM) finishes, exits 0 and says goodbye.
  auto& survivor = stack.workers()[0];
  const auto beats = [&] {
    pqxx::nontransaction tx(db);
    return tx
        .exec_params1("SELECT count(*) FROM worker_heartbeats WHERE pid = $1",
                      static_cast<int>(survivor->pid()))[0]
        .as<int>();
  };
  ASSERT_TRUE(eventually([&] { return beats() == 1; })) << "no heartbeat from the survivor";
  EXPECT_EQ(survivor->stop(), 0) << survivor->log();
  EXPECT_EQ(beats(), 0);
}

}  // namespace
}  // namespace switchyard::testing

namespace switchyard::testing {
namespace {

TEST(WorkerStop, StuckWindowIsGivenUpAfterTheGraceAndItsTaskRunsElsewhere) {
  TestStack stack({"worker_stop_e2e", 1, {{"SHUTDOWN_GRACE_SECONDS", "1"}}});
  TaskApiClient api(stack.base_url());
  const std::string id =
      api.submit_id(R"({"service":"system","action":"sleep","payload":{"ms":4000}})");
  ASSERT_TRUE(api.reaches(id, "running"));
  auto& worker = stack.workers()[0];
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(worker->stop(), 0) << worker->log();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(3500))
      << "the worker waited for its task instead of its grace";
  // The unacked task went back to its queue: a new worker runs it to the end.
  worker = stack.start_process("switchyard-worker", "worker-after-stop");
  EXPECT_TRUE(api.reaches(id, "succeeded", std::chrono::seconds(30)));
}

}  // namespace
}  // namespace switchyard::testing
