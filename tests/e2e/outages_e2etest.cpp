// Outages under load: the broker restarted, the database restarted, the api killed,
// while clients keep submitting system.record tasks. Every task that got a 202
// ends `succeeded` with exactly one effect (one row in system_executions); writes
// that could not be accepted got a clean 503 (or a refused connection while the api
// was down), never a hang.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

class Load {
 public:
  Load(const std::string& base_url, int threads) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, base_url] {
        TaskApiClient client(base_url);
        while (running_) {
          const auto response =
              client.submit(R"({"service":"system","action":"record","payload":{}})");
          std::lock_guard lock(mutex_);
          if (response.status == 202) {
            ids_.push_back(parse_json(response.body)["id"].GetString());
          } else {
            ++refused_[response.status];  // 0: no connection
            // Back off a little, as a client honouring Retry-After would (less hard).
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          }
        }
      });
    }
  }
  ~Load() { stop(); }

  void stop() {
    running_ = false;
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }
  std::size_t accepted() {
    std::lock_guard lock(mutex_);
    return ids_.size();
  }
  const std::vector<std::string>& ids() const { return ids_; }
  const std::map<long, int>& refused() const { return refused_; }

 private:
  std::atomic<bool> running_{true};
  std::mutex mutex_;
  std::vector<std::string> ids_;
  std::map<long, int> refused_;
  std::vector<std::thread> threads_;
};

void servers(const std::string& command) { ASSERT_TRUE(run_test_servers(command)) << command; }

// Every accepted id succeeded with exactly one effect (waits for it).
void expect_each_done_once(TestStack& stack, const Load& load, const std::string& what) {
  const auto& ids = load.ids();
  std::string array = "{";
  for (const auto& id : ids) array += (array.size() > 1 ? "," : "") + id;
  array += "}";
  auto count = [&](const std::string& sql) {
    try {
      pqxx::connection db(stack.database_url());
      pqxx::nontransaction tx(db);
      return tx.exec_params1(sql, array)[0].as<std::size_t>();
    } catch (const pqxx::broken_connection&) {
      return std::size_t{0};
    }
  };
  const std::string succeeded =
      "SELECT count(*) FROM tasks WHERE id = ANY($1::uuid[]) AND status = 'succeeded'";
  EXPECT_TRUE(
      eventually([&] { return count(succeeded) == ids.size(); }, std::chrono::seconds(120)));
  const std::size_t done = count(succeeded);
  const std::size_t effects =
      count("SELECT count(*) FROM system_executions WHERE task_id = ANY($1::uuid[])");
  const std::size_t once = count(
      "SELECT count(*) FROM (SELECT task_id FROM system_executions WHERE task_id = "
      "ANY($1::uuid[]) GROUP BY task_id HAVING count(*) = 1) e");
  std::string refused;
  for (const auto& [status, n] : load.refused()) refused += fmt::format(" {}:{}", status, n);
  std::printf(
      "%s: accepted %zu, succeeded %zu, lost %zu, effects %zu, not exactly once %zu, "
      "refused%s\n",
      what.c_str(), ids.size(), done, ids.size() - done, effects, ids.size() - once,
      refused.empty() ? " none" : refused.c_str());
  EXPECT_EQ(done, ids.size());
  EXPECT_EQ(effects, ids.size());
  EXPECT_EQ(once, ids.size());
  for (const auto& [status, n] : load.refused()) {
    EXPECT_TRUE(status == 503 || status == 0) << n << " answers " << status;
  }
}

TEST(Outages, BrokerRestartUnderLoadLosesAndDoublesNothing) {
  TestStack stack({"outages_broker_e2e", 2, {}});
  Load load(stack.base_url(), 8);
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
  Load load(stack.base_url(), 8);
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
  Load load(stack.base_url(), 8);
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
