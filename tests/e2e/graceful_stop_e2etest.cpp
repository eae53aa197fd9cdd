// A graceful stop hands the next worker no redelivered messages.
//
// A worker under a backlog holds up to its prefetch of deliveries it has not
// completed. Had it closed its connection with them, the broker would give them
// to the next worker marked redelivered, and redelivered tasks run one at a time
// under a strike (workers/quarantine.hpp): after every deploy, a prefetch's worth
// of tasks per service would crawl. So a stopping worker cancels its consumers
// and completes what the broker had already pushed (workers/task_consumer.hpp).
// Checked on the next worker's switchyard_redelivered_messages_total.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <regex>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

using std::chrono::seconds;

std::int64_t succeeded_sleeps(const std::string& database_url) {
  pqxx::connection c(database_url);
  pqxx::nontransaction tx(c);
  return tx.exec1("SELECT count(*) FROM tasks WHERE action = 'sleep' AND status = 'succeeded'")[0]
      .as<std::int64_t>();
}

// The value of an unlabelled counter on a scrape endpoint (-1 when absent).
double counter(std::uint16_t port, const std::string& name) {
  HttpClient scrape("http://127.0.0.1:" + std::to_string(port));
  const std::string metrics = scrape.request("GET", "/metrics", "", {}).body;
  std::smatch match;
  if (!std::regex_search(metrics, match, std::regex("\n" + name + " ([0-9.e+]+)"))) return -1;
  return std::stod(match[1]);
}

TEST(GracefulStop, TheNextWorkerGetsNoRedeliveredMessages) {
  TestStack stack({"graceful_stop_e2e", 1, {{"WORKER_CONCURRENCY", "8"}}});
  TaskApiClient api(stack.base_url());
  // 2,000 sleeps of 20 ms: windows of 500 (the prefetch) taking over a second
  // each, so the stop lands inside one with more pushed behind it.
  // The first worker declared the queues; the backlog builds while none runs.
  EXPECT_EQ(stack.workers().front()->stop(seconds(30)), 0);
  constexpr int kTasks = 2000;
  for (int i = 0; i < kTasks; ++i) {
    ASSERT_EQ(api.submit(R"({"service":"system","action":"sleep","payload":{"ms":20}})").status,
              202);
  }
  auto stopping = stack.start_process("switchyard-worker", "worker-stopping");
  ASSERT_TRUE(eventually([&] { return succeeded_sleeps(stack.database_url()) > 0; }, seconds(30)));
  const auto done_at_stop = succeeded_sleeps(stack.database_url());
  ASSERT_LT(done_at_stop, kTasks - 500) << "the backlog ran out before the stop";
  EXPECT_EQ(stopping->stop(seconds(30)), 0) << stopping->log();

  auto next = stack.start_process("switchyard-worker", "worker-next");
  ASSERT_TRUE(
      eventually([&] { return succeeded_sleeps(stack.database_url()) == kTasks; }, seconds(60)))
      << succeeded_sleeps(stack.database_url()) << " of " << kTasks;
  EXPECT_EQ(counter(stack.metrics_port("worker-next"), "switchyard_redelivered_messages_total"), 0);
}

}  // namespace
}  // namespace switchyard::testing
