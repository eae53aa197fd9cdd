// The scrape endpoints end to end: a worker's and the listener's /metrics, after
// real tasks, carry their series in the Prometheus text format, with label values
// from services.yaml only and counts that agree with what the task API says.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "config/services_config.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

class Metrics : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"metrics_e2e", 1, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  static std::string scrape(const std::string& tag) {
    HttpClient client("http://127.0.0.1:" + std::to_string(stack_->metrics_port(tag)));
    const auto response = client.request("GET", "/metrics");
    EXPECT_EQ(response.status, 200) << tag;
    return response.body;
  }

  // The value of the sample `series` (name and labels exactly), or -1.
  static double value(const std::string& text, const std::string& series) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
    }
    return -1;
  }

  static TestStack* stack_;
  TaskApiClient api_{stack_->base_url()};
};

TestStack* Metrics::stack_ = nullptr;

TEST_F(Metrics, WorkerCountsAgreeWithTheTaskApi) {
  constexpr int kNoops = 7;
  std::vector<std::string> ids;
  for (int i = 0; i < kNoops; ++i) {
    ids.push_back(api_.submit_id(R"({"service":"system","action":"noop","payload":{}})"));
  }
  const std::string failing = api_.submit_id(R"({"service":"system","action":"fail"})");
  for (const auto& id : ids) ASSERT_TRUE(api_.reaches(id, "succeeded")) << id;
  ASSERT_TRUE(eventually([&] {
    const auto s = api_.status_of(failing);
    return s == "failed" || s == "dead";
  }));
  const std::string failed_as = api_.status_of(failing);

  // Counted once the outcome is committed, which is before the API can see it.
  const std::string text = scrape("worker-1");
  const std::string noop = R"({service="system",action="noop")";
  EXPECT_EQ(value(text, "switchyard_tasks_finished_total" + noop + R"(,status="succeeded"})"),
            kNoops);
  EXPECT_EQ(value(text,
                  "switchyard_tasks_finished_total{service=\"system\",action=\"fail\","
                  "status=\"" +
                      failed_as + "\"}"),
            1);
  EXPECT_EQ(value(text, "switchyard_task_duration_seconds_count" + noop + "}"), kNoops);
  EXPECT_EQ(value(text, "switchyard_task_latency_seconds_count" + noop + "}"), kNoops);
  EXPECT_EQ(value(text, "switchyard_task_latency_seconds_bucket" + noop + R"(,le="+Inf"})"),
            kNoops);
  EXPECT_GE(value(text, "switchyard_worker_window_size_count"), 1);
  EXPECT_GE(value(text, "switchyard_db_commit_seconds_count"), 1);
  // The window's gauge drops after its ack, a moment after the outcomes are visible.
  EXPECT_TRUE(
      eventually([&] { return value(scrape("worker-1"), "switchyard_worker_in_flight") == 0; }));
  EXPECT_GT(value(text, "process_resident_memory_bytes"), 0);
  EXPECT_GT(value(text, "process_open_fds"), 0);
  EXPECT_NE(text.find("# TYPE switchyard_task_duration_seconds histogram"), std::string::npos);

  // Label values: services and actions of services.yaml, never a task id.
  const auto services = config::ServicesConfig::load_file(source_dir() + "/config/services.yaml");
  const std::regex label(R"re(service="([^"]*)",action="([^"]*)")re");
  int labelled = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), label), end; it != end; ++it) {
    EXPECT_NE(services.find_action((*it)[1], (*it)[2]), nullptr) << (*it)[0];
    ++labelled;
  }
  EXPECT_GT(labelled, 0);
  for (const auto& id : ids) EXPECT_EQ(text.find(id), std::string::npos);
}

TEST_F(Metrics, ListenerShowsLedgerSchedulerQueuesAndProcess) {
  const std::string id = api_.submit_id(R"({"service":"system","action":"noop","payload":{}})");
  ASSERT_TRUE(api_.reaches(id, "succeeded"));
  std::string text;
  // The ledger window may commit after the worker's outcome; the lease comes within
  // a tick; the service queues, declared by the worker, at the next queue snapshot
  // (every 15 s).
  ASSERT_TRUE(eventually(
      [&] {
        text = scrape("listener");
        return value(text, "switchyard_ledger_batch_size_count") >= 1 &&
               value(text, "switchyard_scheduler_leader") == 1 &&
               value(text, R"(switchyard_queue_consumers{queue="tasks.system"})") >= 1;
      },
      std::chrono::seconds(40)))
      << text;
  EXPECT_GE(value(text, "switchyard_ledger_batch_size_sum"), 1);
  EXPECT_GE(value(text, R"(switchyard_queue_messages{queue="ledger",state="ready"})"), 0);
  EXPECT_EQ(value(text, R"(switchyard_poison_messages_total{reason="unknown"})"), 0);
  EXPECT_GT(value(text, "process_start_time_seconds"), 1.7e9);
  EXPECT_NE(text.find("switchyard_schedules_fired_total{schedule="), std::string::npos);
}

TEST_F(Metrics, OtherPathsAreNotFound) {
  HttpClient client("http://127.0.0.1:" + std::to_string(stack_->metrics_port("worker-1")));
  EXPECT_EQ(client.request("GET", "/").status, 404);
}

}  // namespace
}  // namespace switchyard::testing
