// Delayed tasks end to end (docs/scheduling.md "Delayed tasks"): the real api,
// listener and worker on the test servers. A delayed task is `scheduled` with its
// run_at until it starts, never starts before it (system.record notes when it
// ran), and delays that are not one delay queue's step come back early and hop
// again. A cancelled scheduled task never runs; one waiting in a delay queue
// survives a broker restart. Bad delays answer 400 naming the field.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

std::string delayed_record(int delay_ms) {
  return R"({"service":"system","action":"record","delay_ms":)" + std::to_string(delay_ms) + "}";
}

// The stored task, parsed.
rapidjson::Document task(TaskApiClient& client, const std::string& id) {
  return parse_json(client.get("/api/v1/tasks/" + id).body);
}

// How many times system.record ran the task.
int executions(const std::string& database_url, const std::string& id) {
  pqxx::connection db(database_url);
  pqxx::nontransaction tx(db);
  return tx.exec_params1("SELECT count(*) FROM system_executions WHERE task_id = $1", id)[0]
      .as<int>();
}

TEST(DelayedTasks, RunInTheOrderOfTheirDelayAndNeverBeforeTheirRunAt) {
  TestStack stack({"delayed_order_e2e", 1, {}});
  TaskApiClient client(stack.base_url());
  // 2700 ms and 1300 ms are no delay queue's step: they hop 2 s, 500 ms, 200 ms
  // and 1 s, 200 ms, 100 ms, each hop coming back early and sent on.
  const std::vector<int> delays = {2700, 1300, 300};
  std::vector<std::string> ids;
  for (const int delay : delays) {
    const auto accepted = client.submit(delayed_record(delay));
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    const auto body = parse_json(accepted.body);
    EXPECT_STREQ(body["status"].GetString(), "scheduled");
    EXPECT_TRUE(body.HasMember("run_at")) << accepted.body;
    ids.push_back(body["id"].GetString());
  }
  ASSERT_TRUE(eventually([&] { return client.status_of(ids[0]) == "scheduled"; }))
      << client.get("/api/v1/tasks/" + ids[0]).body;
  EXPECT_TRUE(task(client, ids[0])["run_at"].IsString());
  for (const auto& id : ids) ASSERT_TRUE(client.reaches(id, "succeeded")) << id;

  pqxx::connection db(stack.database_url());
  pqxx::nontransaction tx(db);
  const auto rows = tx.exec_params(
      "SELECT e.task_id::text, e.executed_at >= t.run_at, t.attempts FROM system_executions e "
      "JOIN tasks t ON t.id = e.task_id WHERE e.task_id = ANY($1::uuid[]) ORDER BY e.executed_at",
      "{" + ids[0] + "," + ids[1] + "," + ids[2] + "}");
  ASSERT_EQ(rows.size(), 3U);
  // Shortest delay first; each ran once, at its first attempt, not before run_at.
  EXPECT_EQ(rows[0][0].as<std::string>(), ids[2]);
  EXPECT_EQ(rows[1][0].as<std::string>(), ids[1]);
  EXPECT_EQ(rows[2][0].as<std::string>(), ids[0]);
  for (const auto& row : rows) {
    EXPECT_TRUE(row[1].as<bool>()) << row[0].as<std::string>() << " ran before its run_at";
    EXPECT_EQ(row[2].as<int>(), 1) << "a hop counted as an attempt";
  }
}

TEST(DelayedTasks, ACancelledScheduledTaskEndsCancelledAndNeverRuns) {
  TestStack stack({"delayed_cancel_e2e", 1, {}});
  TaskApiClient client(stack.base_url());
  const std::string cancelled = client.submit_id(delayed_record(1500));
  ASSERT_TRUE(eventually([&] { return client.status_of(cancelled) == "scheduled"; }));
  const auto cancel =
      client.http().request("POST", "/api/v1/tasks/" + cancelled + "/cancel", "", admin_headers());
  ASSERT_EQ(cancel.status, 202) << cancel.body;
  ASSERT_TRUE(client.reaches(cancelled, "cancelled"));
  // Submitted after it with the same delay, this one comes back after it: once it
  // ran, the cancelled task's message came back too.
  const std::string witness = client.submit_id(delayed_record(1500));
  ASSERT_TRUE(client.reaches(witness, "succeeded"));
  EXPECT_EQ(executions(stack.database_url(), witness), 1);
  EXPECT_EQ(executions(stack.database_url(), cancelled), 0);
  EXPECT_EQ(client.status_of(cancelled), "cancelled");
}

TEST(DelayedTasks, AScheduledTaskSurvivesABrokerRestart) {
  TestStack stack({"delayed_restart_e2e", 1, {}});
  TaskApiClient client(stack.base_url());
  const std::string id = client.submit_id(delayed_record(3000));
  ASSERT_TRUE(eventually([&] { return client.status_of(id) == "scheduled"; }));
  ASSERT_TRUE(run_test_servers("stop-broker"));
  ASSERT_TRUE(run_test_servers("start-broker"));
  ASSERT_TRUE(client.reaches(id, "succeeded", std::chrono::seconds(60)))
      << client.get("/api/v1/tasks/" + id).body;
  EXPECT_EQ(executions(stack.database_url(), id), 1);
}

TEST(DelayedTasks, BadDelaysAnswer400NamingTheField) {
  TestStack stack({"delayed_validation_e2e", 1, {}});
  TaskApiClient client(stack.base_url());
  const std::string task = R"("service":"system","action":"noop")";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"("delay_ms":-1)", "delay_ms"},
      {R"("delay_ms":1.5)", "delay_ms"},
      {R"("delay_ms":"100")", "delay_ms"},
      {R"("delay_ms":604800001)", "delay_ms"},
      {R"("delay_ms":99999999999999999999999)", "delay_ms"},
      {R"("delay_ms":100,"run_at":"2030-01-01T00:00:00Z")", "run_at"},
      {R"("run_at":"tomorrow")", "run_at"},
      {R"("run_at":"2026-02-30T10:00:00Z")", "run_at"},
      {R"("run_at":"2999-01-01T00:00:00Z")", "run_at"},
      {R"("run_at":")" + std::string(100, '9') + R"(")", "run_at"},
  };
  for (const auto& [fields, field] : cases) {
    const auto response = client.submit("{" + task + "," + fields + "}");
    EXPECT_EQ(response.status, 400) << fields << ": " << response.body;
    EXPECT_NE(response.body.find("\"field\":\"" + field + "\""), std::string::npos)
        << fields << ": " << response.body;
    EXPECT_NE(response.body.find("\"error\""), std::string::npos) << response.body;
  }
  // A run_at already past means now.
  const auto past = client.submit("{" + task + R"(,"run_at":"2020-01-01T00:00:00+02:00"})");
  ASSERT_EQ(past.status, 202) << past.body;
  const auto body = parse_json(past.body);
  EXPECT_STREQ(body["status"].GetString(), "queued");
  EXPECT_TRUE(client.reaches(body["id"].GetString(), "succeeded"));
}

}  // namespace
}  // namespace switchyard::testing
