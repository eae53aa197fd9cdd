#include "record_load.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <pqxx/pqxx>

#include "task_api_client.hpp"

namespace switchyard::testing {

RecordLoad::RecordLoad(const std::string& base_url, int threads) {
  for (int t = 0; t < threads; ++t) {
    threads_.emplace_back([this, base_url] {
      TaskApiClient client(base_url);
      while (running_) {
        const auto response =
            client.submit(R"({"service":"system","action":"record","payload":{}})");
        std::lock_guard lock(mutex_);
        answers_.push_back({std::chrono::steady_clock::now(), response.status});
        if (response.status == 202) {
          ids_.push_back(parse_json(response.body)["id"].GetString());
        } else {
          ++refused_[response.status];
          // Back off a little, as a client honouring Retry-After would (less hard).
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    });
  }
}

void RecordLoad::stop() {
  running_ = false;
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

std::size_t RecordLoad::accepted() {
  std::lock_guard lock(mutex_);
  return ids_.size();
}

void expect_each_recorded_once(TestStack& stack, const RecordLoad& load, const std::string& what,
                               const std::set<long>& allowed_refusals, std::chrono::seconds wait) {
  const auto& ids = load.ids();
  std::string array = "{";
  for (const auto& id : ids) array += (array.size() > 1 ? "," : "") + id;
  array += "}";
  // A database that is still restarting counts nothing yet.
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
  EXPECT_TRUE(eventually([&] { return count(succeeded) == ids.size(); }, wait));
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
    EXPECT_TRUE(allowed_refusals.contains(status)) << n << " answers " << status;
  }
}

}  // namespace switchyard::testing
