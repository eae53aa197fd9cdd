// The Node.js example worker (workers/js) end to end: the real api, listener and C++
// worker, plus `node workers/js/worker.js` serving the service `js` from the broker
// alone (docs/protocol.md). Its outcomes reach PostgreSQL only through the lifecycle
// events that the listener records, and its replies answer `Prefer: wait`.
// Skipped when node or workers/js/node_modules is missing (scripts/deps.sh installs
// both).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

// ChildProcess uses execv, which does not search PATH: find node the way a shell would.
std::string find_in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::filesystem::path candidate =
        std::filesystem::path(dir.empty() ? "." : dir) / program;
    std::error_code ignored;
    if (std::filesystem::is_regular_file(candidate, ignored) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return std::filesystem::absolute(candidate).string();
    }
  }
  return "";
}

class JsWorker : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string node = find_in_path("node");
    const std::string worker_dir = source_dir() + "/workers/js";
    if (node.empty()) {
      skip_reason_ = "node is not on PATH (scripts/deps.sh installs nodejs)";
      return;
    }
    if (!std::filesystem::is_directory(worker_dir + "/node_modules/amqplib")) {
      skip_reason_ = worker_dir + "/node_modules is missing (scripts/deps.sh runs npm ci there)";
      return;
    }
    stack_ = new TestStack(
        {"js_worker_e2e",
         1,
         {{"SERVICES_CONFIG_FILE", source_dir() + "/tests/e2e/fixtures/services_with_js.yaml"}}});
    const std::string log = build_dir() + "/test-logs/js_worker_e2e-js-worker.log";
    std::filesystem::remove(log);
    js_worker_ = new ChildProcess(node, {worker_dir + "/worker.js"}, stack_->environment(), log);
    const bool connected = eventually(
        [] { return js_worker_->log().find("js worker connected") != std::string::npos; });
    if (!connected) {
      FAIL() << "the js worker never connected; its log:\n" << js_worker_->log();
    }
  }

  static void TearDownTestSuite() {
    if (js_worker_ != nullptr) {
      // SIGTERM is a graceful stop: it exits 0 (after finishing what it received).
      const int status = js_worker_->stop();
      EXPECT_EQ(status, 0) << "the js worker's log:\n" << js_worker_->log();
      EXPECT_NE(js_worker_->log().find("js worker stopped"), std::string::npos)
          << js_worker_->log();
      delete js_worker_;
      js_worker_ = nullptr;
    }
    delete stack_;
    stack_ = nullptr;
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    ASSERT_NE(stack_, nullptr);
    api_ = std::make_unique<TaskApiClient>(stack_->base_url());
  }

  HttpResponse submit(const std::string& body,
                      const std::map<std::string, std::string>& headers = {}) {
    return api_->submit(body, headers);
  }
  std::string submit_id(const std::string& body) { return api_->submit_id(body); }

  // The task as GET /api/v1/tasks/{id} shows it once it has `status`; a null
  // document when it never gets there.
  rapidjson::Document task_reaching(const std::string& id, const std::string& status) {
    rapidjson::Document task;
    const bool reached = eventually([&] {
      const auto response = api_->get("/api/v1/tasks/" + id);
      if (response.status != 200) return false;
      task.Parse(response.body.c_str());
      return !task.HasParseError() && task.IsObject() && task.HasMember("status") &&
             task["status"].IsString() && task["status"].GetString() == status;
    });
    if (!reached) {
      ADD_FAILURE() << "task " << id << " never reached " << status << "; js worker log:\n"
                    << js_worker_->log();
      task.SetNull();
    }
    return task;
  }

  static inline std::string skip_reason_;
  static inline TestStack* stack_ = nullptr;
  static inline ChildProcess* js_worker_ = nullptr;
  std::unique_ptr<TaskApiClient> api_;
};

TEST_F(JsWorker, UppercaseSucceedsWithItsResult) {
  const std::string id =
      submit_id(R"({"service":"js","action":"uppercase","payload":{"text":"abc"}})");
  ASSERT_FALSE(id.empty());
  const auto task = task_reaching(id, "succeeded");
  ASSERT_TRUE(task.IsObject());
  EXPECT_STREQ(task["result"]["text"].GetString(), "ABC");
  EXPECT_STREQ(task["payload"]["text"].GetString(), "abc");
  EXPECT_TRUE(task["error"].IsNull());
  EXPECT_EQ(task["attempts"].GetInt(), 1);
  EXPECT_EQ(task["max_attempts"].GetInt(), 1);  // from the fixture's services.yaml
  EXPECT_STREQ(task["submitted_by"].GetString(), "dev-admin");
  EXPECT_TRUE(task["started_at"].IsString());
  EXPECT_TRUE(task["finished_at"].IsString());
}

TEST_F(JsWorker, PreferWaitOnAddAnswersWithTheSum) {
  const auto response =
      submit(R"({"service":"js","action":"add","payload":{"a":2,"b":3}})", {{"Prefer", "wait=10"}});
  ASSERT_EQ(response.status, 200) << response.body << "\njs worker log:\n" << js_worker_->log();
  const auto reply = parse_json(response.body);
  EXPECT_STREQ(reply["status"].GetString(), "succeeded");
  EXPECT_EQ(reply["result"]["sum"].GetInt(), 5);
  EXPECT_EQ(reply["attempts"].GetInt(), 1);
  // The reply follows the recorded event: the listener stores the same outcome.
  const auto task = task_reaching(reply["id"].GetString(), "succeeded");
  ASSERT_TRUE(task.IsObject());
  EXPECT_EQ(task["result"]["sum"].GetInt(), 5);
}

// Workflow steps served by the Node.js worker move their workflow on through the
// listener (which records their lifecycle events) just as the C++ worker's do.
TEST_F(JsWorker, WorkflowStepsOnTheJsWorkerPassTheirResultsAlong) {
  const auto response = api_->http().request("POST", "/api/v1/workflows",
                                             R"({"steps":[
          {"id":"up","service":"js","action":"uppercase","payload":{"text":"abc"}},
          {"id":"echo","service":"system","action":"noop","depends_on":["up"],
           "payload":{"t":{"$ref":"steps.up.result.text"}}},
          {"id":"sum","service":"js","action":"add","depends_on":["echo"],"payload":{"a":2,"b":3}},
          {"id":"last","service":"system","action":"noop","depends_on":["sum"],
           "payload":{"s":{"$ref":"steps.sum.result.sum"}}}]})",
                                             [] {
                                               auto headers = admin_headers();
                                               headers["Prefer"] = "wait=30";
                                               return headers;
                                             }());
  ASSERT_EQ(response.status, 200) << response.body << "\njs worker log:\n" << js_worker_->log();
  const auto workflow = parse_json(response.body);
  EXPECT_STREQ(workflow["status"].GetString(), "succeeded");
  EXPECT_STREQ(workflow["steps"][1]["result"]["t"].GetString(), "ABC");
  EXPECT_EQ(workflow["steps"][3]["result"]["s"].GetInt(), 5);
}

TEST_F(JsWorker, ActionWithoutHandlerFailsWithNoHandler) {
  const std::string id = submit_id(R"({"service":"js","action":"nope","payload":{}})");
  ASSERT_FALSE(id.empty());
  const auto task = task_reaching(id, "failed");
  ASSERT_TRUE(task.IsObject());
  EXPECT_STREQ(task["error"]["type"].GetString(), "no_handler");
  EXPECT_NE(std::string(task["error"]["message"].GetString()).find("js.nope"), std::string::npos);
  EXPECT_TRUE(task["result"].IsNull());
}

TEST_F(JsWorker, InvalidPayloadFailsWithBadPayload) {
  const std::string id =
      submit_id(R"({"service":"js","action":"add","payload":{"a":"two","b":3}})");
  ASSERT_FALSE(id.empty());
  const auto task = task_reaching(id, "failed");
  ASSERT_TRUE(task.IsObject());
  EXPECT_STREQ(task["error"]["type"].GetString(), "bad_payload");
}

// 2700 ms is no delay queue's step: the task first comes back after the 2 s hop,
// 700 ms early, and the Node.js worker must send it on (500 ms, 200 ms) rather than
// run it, as the C++ worker does (docs/scheduling.md "Delayed tasks").
TEST_F(JsWorker, ADelayedTaskDoesNotStartBeforeItsRunAt) {
  const auto accepted =
      submit(R"({"service":"js","action":"uppercase","payload":{"text":"later"},"delay_ms":2700})",
             {{"Prefer", "wait=15"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body << "\njs worker log:\n" << js_worker_->log();
  const auto reply = parse_json(accepted.body);
  EXPECT_STREQ(reply["result"]["text"].GetString(), "LATER");
  const std::string id = reply["id"].GetString();
  ASSERT_TRUE(task_reaching(id, "succeeded").IsObject());
  pqxx::connection db(stack_->database_url());
  pqxx::nontransaction tx(db);
  const auto row = tx.exec_params1(
      "SELECT started_at >= run_at, attempts, "
      "extract(epoch FROM run_at - started_at)::text FROM tasks WHERE id = $1",
      id);
  EXPECT_TRUE(row[0].as<bool>()) << "started " << row[2].as<std::string>()
                                 << " s before its run_at";
  EXPECT_EQ(row[1].as<int>(), 1);  // a hop is not an attempt
}

TEST_F(JsWorker, TwoHundredConcurrentAddsAllSucceed) {
  constexpr int kTasks = 200;
  constexpr int kThreads = 8;
  std::atomic<int> next{0};
  std::atomic<int> refused{0};
  std::mutex mutex;
  std::vector<std::string> ids;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      HttpClient client(stack_->base_url());
      for (int i = next++; i < kTasks; i = next++) {
        const auto response = client.request(
            "POST", "/api/v1/tasks",
            R"({"service":"js","action":"add","payload":{"a":)" + std::to_string(i) + R"(,"b":1}})",
            admin_headers());
        if (response.status != 202) {
          ++refused;
          continue;
        }
        rapidjson::Document doc;
        doc.Parse(response.body.c_str());
        const std::lock_guard lock(mutex);
        ids.emplace_back(doc["id"].GetString());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(refused.load(), 0);
  ASSERT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), static_cast<std::size_t>(kTasks));

  std::string id_array = "{";
  for (const auto& id : ids) id_array += (id_array.size() > 1 ? "," : "") + id;
  id_array += "}";
  pqxx::connection db(stack_->database_url());
  auto count = [&](const std::string& where) {
    pqxx::nontransaction tx(db);
    return tx
        .exec_params("SELECT count(*) FROM tasks WHERE id = ANY($1::uuid[]) AND " + where,
                     id_array)[0][0]
        .as<int>();
  };
  ASSERT_TRUE(
      eventually([&] { return count("status = 'succeeded'") == kTasks; }, std::chrono::seconds(60)))
      << count("status = 'succeeded'") << " of " << kTasks << " succeeded; js worker log:\n"
      << js_worker_->log();
  EXPECT_EQ(count("(result->>'sum')::int = (payload->>'a')::int + 1 AND attempts = 1"), kTasks);
}

}  // namespace
}  // namespace switchyard::testing
