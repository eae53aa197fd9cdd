// Outages under load: the broker restarted, the database restarted, the api killed,
// while clients keep submitting system.record tasks. Every task that got a 202
// ends `succeeded` with exactly one effect (one row in system_executions); writes
// that could not be accepted got a clean 503 (or a refused connection while the api
// was down), never a hang.
#include <gtest/gtest.h>

#include "record_load.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

void servers(const std::string& command) { ASSERT_TRUE(run_test_servers(command)) << command; }

// Every accepted id succeeded with exactly one effect; a refusal is a 503, or no
// answer while the api was down.
void expect_each_done_once(TestStack& stack, const RecordLoad& load, const std::string& what) {
  expect_each_recorded_once(stack, load, what, {503, 0}, std::chrono::seconds(120));
}

TEST(Outages, BrokerRestartUnderLoadLosesAndDoublesNothing) {
  TestStack stack({"outages_broker_e2e", 2, {}});
  RecordLoad load(stack.base_url(), 8);
  ASSERT_TRUE(eventually([&] { return load.accepted() > 300; }));
  servers("stop-broker");
  // With the broker down, writes are refused at once, not after a timeout.
  TaskApiClient client(stack.base_url());
  const auto started = std::chrono::steady_clock::now();
  const auto refused = client.submit(R"({"service":"system","action":"noop"})");
  EXPECT_EQ(refused.status, 503);
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  servers("start-broker");
  const std::size_t before = load.accepted();
  ASSERT_TRUE(eventually([&] { return load.accepted() > before + 300; }, std::chrono::seconds(60)))
      << "writes were not accepted again after the broker came back";
  load.stop();
  expect_each_done_once(stack, load, "broker restart");
}

TEST(Outages, DatabaseRestartUnderLoadLosesAndDoublesNothing) {
  TestStack stack({"outages_database_e2e", 2, {}});
  RecordLoad load(stack.base_url(), 8);
  ASSERT_TRUE(eventually([&] { return load.accepted() > 300; }));
  servers("stop-db");
  // Writes go on: the api only needs the broker.
  const std::size_t during = load.accepted();
  EXPECT_TRUE(eventually([&] { return load.accepted() > during + 200; }))
      << "writes stopped while the database was down";
  servers("start-db");
  const std::size_t after = load.accepted();
  ASSERT_TRUE(eventually([&] { return load.accepted() > after + 200; }));
  load.stop();
  expect_each_done_once(stack, load, "database restart");
}

TEST(Outages, ApiKilledUnderLoadLosesAndDoublesNothing) {
  TestStack stack({"outages_api_e2e", 2, {}});
  RecordLoad load(stack.base_url(), 8);
  ASSERT_TRUE(eventually([&] { return load.accepted() > 300; }));
  stack.api().kill9();
  auto api = stack.start_process("switchyard-api", "api-restarted");
  stack.wait_healthy();
  const std::size_t after = load.accepted();
  ASSERT_TRUE(eventually([&] { return load.accepted() > after + 300; }));
  load.stop();
  expect_each_done_once(stack, load, "api kill -9");
  api->stop();
}

}  // namespace
}  // namespace switchyard::testing
