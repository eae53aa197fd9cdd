// Workflows end to end (docs/workflows.md): the real api, listener and workers on
// the test servers. A DAG runs in dependency order with results passed along,
// both failure policies and the compensation behave as documented, a cancel
// stops what has not started, and workers killed with SIGKILL or a broker restart
// in the middle lose and double no step (every step is a system.record: one row
// in system_executions per run).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "amqp/connection.hpp"
#include "amqp/topology.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

std::map<std::string, std::string> waiting(int seconds) {
  auto headers = admin_headers();
  headers["Prefer"] = "wait=" + std::to_string(seconds);
  return headers;
}

HttpResponse post_workflow(HttpClient& http, const std::string& body,
                           const std::map<std::string, std::string>& headers = admin_headers()) {
  return http.request("POST", "/api/v1/workflows", body, headers);
}

// The workflow once it has `status` (a null document and a failure otherwise).
rapidjson::Document workflow_reaching(HttpClient& http, const std::string& id,
                                      const std::string& status,
                                      std::chrono::seconds within = std::chrono::seconds(30)) {
  rapidjson::Document workflow;
  std::string last;
  const bool reached = eventually(
      [&] {
        const auto response = http.request("GET", "/api/v1/workflows/" + id, "", admin_headers());
        last = response.body;
        workflow.Parse(response.body.c_str());
        return response.status == 200 && workflow.IsObject() &&
               std::string(workflow["status"].GetString()) == status;
      },
      within);
  if (!reached) {
    ADD_FAILURE() << "workflow " << id << " never reached " << status << ": " << last;
    workflow.SetNull();
  }
  return workflow;
}

const rapidjson::Value& step(const rapidjson::Value& workflow, const std::string& id) {
  for (const auto& s : workflow["steps"].GetArray()) {
    if (id == s["id"].GetString()) return s;
  }
  throw std::runtime_error("no step " + id);
}

// "{a,b,...}": a uuid[] literal of the accepted workflow ids.
std::string id_array(const std::vector<std::string>& ids) {
  std::string array = "{";
  for (const auto& id : ids) array += (array.size() > 1 ? "," : "") + id;
  return array + "}";
}

// Every step of `workflows` ran exactly once: one system_executions row per step task.
void expect_each_step_once(const std::string& database_url,
                           const std::vector<std::string>& workflows, std::size_t steps_each) {
  pqxx::connection db(database_url);
  pqxx::nontransaction tx(db);
  const auto row = tx.exec_params1(
      "SELECT count(*), count(*) FILTER (WHERE runs = 1), coalesce(sum(runs), 0) FROM ("
      "  SELECT s.task_id, (SELECT count(*) FROM system_executions e WHERE e.task_id = s.task_id) "
      "AS runs"
      "    FROM workflow_steps s WHERE s.workflow_id = ANY($1::uuid[])) r",
      id_array(workflows));
  const auto steps = row[0].as<std::size_t>();
  const auto once = row[1].as<std::size_t>();
  const auto runs = row[2].as<std::size_t>();
  std::printf("workflows %zu, steps %zu, run exactly once %zu, runs %zu\n", workflows.size(), steps,
              once, runs);
  EXPECT_EQ(steps, workflows.size() * steps_each);
  EXPECT_EQ(once, steps);
  EXPECT_EQ(runs, steps);
}

// A chain a -> (b1, b2, b3) -> c of system.record steps.
constexpr const char* kDiamond = R"({"steps":[
    {"id":"a","service":"system","action":"record"},
    {"id":"b1","service":"system","action":"record","depends_on":["a"]},
    {"id":"b2","service":"system","action":"record","depends_on":["a"]},
    {"id":"b3","service":"system","action":"record","depends_on":["a"]},
    {"id":"c","service":"system","action":"record","depends_on":["b1","b2","b3"]}]})";

class Workflows : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"workflows_e2e", 2, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  void SetUp() override { http_ = std::make_unique<HttpClient>(stack_->base_url()); }

  static inline TestStack* stack_ = nullptr;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(Workflows, AChainPassesResultsAlongAndPreferWaitAnswersWithTheEnd) {
  const auto response = post_workflow(*http_, R"({"steps":[
      {"id":"fetch","service":"system","action":"noop","payload":{"url":"https://example.com/r.csv"}},
      {"id":"parse","service":"system","action":"noop","depends_on":["fetch"],
       "payload":{"source":{"$ref":"steps.fetch.result.url"},"by":{"$ref":"workflow.submitted_by"}}},
      {"id":"store","service":"system","action":"noop","depends_on":["parse"],
       "payload":{"rows":[{"$ref":"steps.parse.result"}]}}]})",
                                      waiting(20));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("location").rfind("/api/v1/workflows/", 0), 0u);
  const auto workflow = parse_json(response.body);
  EXPECT_STREQ(workflow["status"].GetString(), "succeeded");
  EXPECT_STREQ(step(workflow, "parse")["result"]["source"].GetString(),
               "https://example.com/r.csv");
  EXPECT_STREQ(step(workflow, "parse")["result"]["by"].GetString(), "dev-admin");
  EXPECT_STREQ(step(workflow, "store")["result"]["rows"][0]["source"].GetString(),
               "https://example.com/r.csv");
  // Dependency order: each step started after its parent finished.
  EXPECT_GE(std::string(step(workflow, "parse")["started_at"].GetString()),
            std::string(step(workflow, "fetch")["finished_at"].GetString()));
  // Each step is a task of its own, readable through the task API.
  const std::string task = step(workflow, "store")["task_id"].GetString();
  const auto stored = http_->request("GET", "/api/v1/tasks/" + task, "", admin_headers());
  EXPECT_EQ(stored.status, 200);
  EXPECT_NE(stored.body.find("succeeded"), std::string::npos);
}

TEST_F(Workflows, ItsLifecycleIsAnnouncedOnTheEventsExchangeOncePerStatus) {
  amqp::Connection broker({stack_->broker_url(), "test-workflow-events"});
  const std::string queue = "test.workflow-events";
  amqp::QueueOptions options;
  options.durable = false;
  broker.declare_queue(queue, options);
  broker.bind_queue(queue, amqp::kEventsExchange, "workflow.#");
  const auto before = broker.queue_depth(queue);
  const auto response =
      post_workflow(*http_, R"({"steps":[{"id":"a","service":"system","action":"noop"},
                           {"id":"b","service":"system","action":"noop","depends_on":["a"]}]})",
                    waiting(20));
  ASSERT_EQ(response.status, 200) << response.body;
  // workflow.started and workflow.succeeded; none for the steps in between.
  EXPECT_TRUE(eventually([&] { return broker.queue_depth(queue) == before + 2; }))
      << broker.queue_depth(queue) - before;
  broker.delete_queue(queue);
}

TEST_F(Workflows, AFanOutAndFanInOfAHundredStepsRunsEachStepOnce) {
  std::string body = R"({"steps":[{"id":"split","service":"system","action":"noop"})";
  std::string joined;
  for (int i = 0; i < 100; ++i) {
    body += R"(,{"id":"part)" + std::to_string(i) +
            R"(","service":"system","action":"record","depends_on":["split"]})";
    joined += (i ? ",\"part" : "\"part") + std::to_string(i) + "\"";
  }
  body +=
      R"(,{"id":"join","service":"system","action":"noop","depends_on":[)" + joined +
      R"(],"payload":{"first":{"$ref":"steps.part0.result"},"last":{"$ref":"steps.part99.status"}}}]})";
  const auto response = post_workflow(*http_, body, waiting(60));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto workflow = parse_json(response.body);
  EXPECT_STREQ(workflow["status"].GetString(), "succeeded");
  EXPECT_EQ(workflow["steps"].Size(), 102u);
  EXPECT_TRUE(step(workflow, "join")["result"]["first"]["recorded"].GetBool());
  EXPECT_STREQ(step(workflow, "join")["result"]["last"].GetString(), "succeeded");
  pqxx::connection db(stack_->database_url());
  pqxx::nontransaction tx(db);
  EXPECT_EQ(tx.exec_params1("SELECT count(*) FROM system_executions e JOIN workflow_steps s "
                            "ON s.task_id = e.task_id WHERE s.workflow_id = $1",
                            std::string(workflow["id"].GetString()))[0]
                .as<int>(),
            100);
}

TEST_F(Workflows, FailFastCancelsWhatHasNotStartedAndRunsTheCompensationWithTheFailure) {
  const auto response = post_workflow(*http_, R"({"steps":[
      {"id":"a","service":"system","action":"noop"},
      {"id":"broken","service":"system","action":"fail","depends_on":["a"]},
      {"id":"after","service":"system","action":"record","depends_on":["broken"]}],
      "on_failure":{"id":"undo","service":"system","action":"noop",
                    "payload":{"failed_step":{"$ref":"failure.step"},"why":{"$ref":"failure.error.message"}}}})",
                                      waiting(20));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto workflow = parse_json(response.body);
  EXPECT_STREQ(workflow["status"].GetString(), "failed");
  EXPECT_STREQ(workflow["error"]["step"].GetString(), "broken");
  EXPECT_STREQ(workflow["error"]["status"].GetString(), "dead");  // fail's one attempt
  EXPECT_STREQ(step(workflow, "after")["status"].GetString(), "cancelled");
  const auto done = workflow_reaching(*http_, workflow["id"].GetString(), "failed");
  ASSERT_TRUE(done.IsObject());
  ASSERT_TRUE(eventually([&] {
    const auto now = parse_json(
        http_
            ->request("GET", std::string("/api/v1/workflows/") + workflow["id"].GetString(), "",
                      admin_headers())
            .body);
    return std::string(step(now, "undo")["status"].GetString()) == "succeeded";
  }));
  const auto now = parse_json(
      http_
          ->request("GET", std::string("/api/v1/workflows/") + workflow["id"].GetString(), "",
                    admin_headers())
          .body);
  EXPECT_STREQ(step(now, "undo")["result"]["failed_step"].GetString(), "broken");
  EXPECT_STREQ(step(now, "undo")["result"]["why"].GetString(), "system.fail always fails");
  EXPECT_TRUE(step(now, "undo")["on_failure"].GetBool());
}

TEST_F(Workflows, ReplayingTheDeadStepResumesTheWorkflow) {
  // flaky fails its first attempt; with one attempt it goes dead, and its replay
  // (attempt 2) succeeds.
  const auto response = post_workflow(*http_, R"({"steps":[
      {"id":"shaky","service":"system","action":"flaky","max_attempts":1,
       "payload":{"succeed_on_attempt":2}},
      {"id":"sibling","service":"system","action":"sleep","payload":{"ms":1},"depends_on":["shaky"]},
      {"id":"end","service":"system","action":"noop","depends_on":["sibling"],
       "payload":{"attempt":{"$ref":"steps.sibling.status"}}}]})",
                                      waiting(20));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto failed = parse_json(response.body);
  ASSERT_STREQ(failed["status"].GetString(), "failed");
  const std::string id = failed["id"].GetString();
  const std::string dead = step(failed, "shaky")["task_id"].GetString();
  EXPECT_STREQ(step(failed, "shaky")["status"].GetString(), "dead");
  EXPECT_STREQ(step(failed, "sibling")["status"].GetString(), "cancelled");
  const auto replay =
      http_->request("POST", "/api/v1/dead-letters/" + dead + "/replay", "", admin_headers());
  ASSERT_EQ(replay.status, 202) << replay.body;
  const auto resumed = workflow_reaching(*http_, id, "succeeded");
  ASSERT_TRUE(resumed.IsObject());
  EXPECT_EQ(step(resumed, "shaky")["attempts"].GetInt(), 2);
  EXPECT_STREQ(step(resumed, "end")["result"]["attempt"].GetString(), "succeeded");
  EXPECT_TRUE(resumed["error"].IsNull());
}

TEST_F(Workflows, ContinueRunsIndependentBranchesAndSkipsWhatDependsOnTheFailure) {
  const auto response = post_workflow(*http_, R"({"failure_policy":"continue","steps":[
      {"id":"a","service":"system","action":"noop"},
      {"id":"broken","service":"system","action":"fail","depends_on":["a"]},
      {"id":"below","service":"system","action":"noop","depends_on":["broken"]},
      {"id":"other","service":"system","action":"noop","depends_on":["a"]},
      {"id":"tail","service":"system","action":"noop","depends_on":["other"]}]})",
                                      waiting(20));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto workflow = parse_json(response.body);
  EXPECT_STREQ(workflow["status"].GetString(), "failed");
  EXPECT_STREQ(step(workflow, "below")["status"].GetString(), "skipped");
  EXPECT_STREQ(step(workflow, "tail")["status"].GetString(), "succeeded");
}

TEST_F(Workflows, CancelInFlightStopsTheStepsNotStarted) {
  const auto response = post_workflow(*http_, R"({"steps":[
      {"id":"slow","service":"system","action":"sleep","payload":{"ms":2000}},
      {"id":"never","service":"system","action":"record","depends_on":["slow"]}]})");
  ASSERT_EQ(response.status, 202) << response.body;
  const std::string id = parse_json(response.body)["id"].GetString();
  ASSERT_TRUE(eventually([&] {
    const auto now = http_->request("GET", "/api/v1/workflows/" + id, "", admin_headers());
    return now.status == 200 &&
           std::string(step(parse_json(now.body), "slow")["status"].GetString()) == "running";
  }));
  const auto cancelled =
      http_->request("POST", "/api/v1/workflows/" + id + "/cancel", "", admin_headers());
  ASSERT_EQ(cancelled.status, 202) << cancelled.body;
  const auto workflow = workflow_reaching(*http_, id, "cancelled");
  ASSERT_TRUE(workflow.IsObject());
  // The running step finishes; the next one never runs.
  ASSERT_TRUE(eventually([&] {
    const auto now =
        parse_json(http_->request("GET", "/api/v1/workflows/" + id, "", admin_headers()).body);
    return std::string(step(now, "slow")["status"].GetString()) == "succeeded";
  }));
  const auto now =
      parse_json(http_->request("GET", "/api/v1/workflows/" + id, "", admin_headers()).body);
  EXPECT_STREQ(step(now, "never")["status"].GetString(), "cancelled");
  EXPECT_EQ(
      http_->request("POST", "/api/v1/workflows/" + id + "/cancel", "", admin_headers()).status,
      409);
}

TEST_F(Workflows, AnIdempotencyKeyNamesOneWorkflow) {
  auto headers = admin_headers();
  headers["Idempotency-Key"] = "nightly-2026-12-05";
  const std::string body = R"({"steps":[{"id":"a","service":"system","action":"record"}]})";
  const auto first = post_workflow(*http_, body, headers);
  ASSERT_EQ(first.status, 202) << first.body;
  const std::string id = parse_json(first.body)["id"].GetString();
  ASSERT_TRUE(workflow_reaching(*http_, id, "succeeded").IsObject());
  const auto again = post_workflow(*http_, body, headers);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  EXPECT_STREQ(parse_json(again.body)["id"].GetString(), id.c_str());
  const auto other = post_workflow(
      *http_, R"({"steps":[{"id":"b","service":"system","action":"record"}]})", headers);
  EXPECT_EQ(other.status, 409) << other.body;
  expect_each_step_once(stack_->database_url(), {id}, 1);
}

TEST_F(Workflows, AWorkflowThatCannotRunIsRefusedNamingTheStep) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"steps":[{"id":"a","service":"system","action":"noop","depends_on":["b"]},
                    {"id":"b","service":"system","action":"noop","depends_on":["a"]}]})",
       "steps.0.depends_on"},
      {R"({"steps":[{"id":"a","service":"system","action":"noop","depends_on":["ghost"]}]})",
       "steps.0.depends_on"},
      {R"({"steps":[{"id":"a","service":"system","action":"noop"},{"id":"a","service":"system","action":"noop"}]})",
       "steps.1.id"},
      {R"({"steps":[{"id":"a","service":"workflows","action":"start"}]})", "steps.0.service"},
  };
  for (const auto& [body, field] : cases) {
    const auto response = post_workflow(*http_, body);
    EXPECT_EQ(response.status, 422) << body << "\n" << response.body;
    EXPECT_NE(response.body.find("\"field\":\"" + field + "\""), std::string::npos)
        << response.body;
  }
  EXPECT_EQ(post_workflow(*http_, R"({"steps":[]})").status, 400);
  EXPECT_EQ(post_workflow(*http_, R"({"steps":[{"id":"a","service":"system"}]})").status, 400);
  EXPECT_EQ(http_->request("GET", "/api/v1/workflows/not-a-uuid", "", admin_headers()).status, 400);
  EXPECT_EQ(http_
                ->request("GET", "/api/v1/workflows/01a24498-754f-74c5-b817-b09fe651a396", "",
                          admin_headers())
                .status,
            404);
  EXPECT_EQ(http_->request("GET", "/api/v1/workflows", "", {}).status, 401);
}

TEST_F(Workflows, TheListPagesNewestFirstAndFiltersByStatus) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(post_workflow(*http_, R"({"steps":[{"id":"a","service":"system","action":"noop"}]})",
                            waiting(10))
                  .status,
              200);
  }
  const auto page = parse_json(
      http_->request("GET", "/api/v1/workflows?status=succeeded&limit=2", "", admin_headers())
          .body);
  ASSERT_EQ(page["items"].Size(), 2u);
  EXPECT_TRUE(page["has_more"].GetBool());
  EXPECT_GT(std::string(page["items"][0]["id"].GetString()),
            std::string(page["items"][1]["id"].GetString()));
  const auto next =
      parse_json(http_
                     ->request("GET",
                               std::string("/api/v1/workflows?status=succeeded&limit=2&cursor=") +
                                   page["next_cursor"].GetString(),
                               "", admin_headers())
                     .body);
  ASSERT_GE(next["items"].Size(), 1u);
  EXPECT_LT(std::string(next["items"][0]["id"].GetString()),
            std::string(page["items"][1]["id"].GetString()));
  EXPECT_EQ(http_->request("GET", "/api/v1/workflows?status=done", "", admin_headers()).status,
            400);
}

// Submits `count` diamonds from 4 threads; the accepted workflow ids.
std::vector<std::string> submit_diamonds(const std::string& base_url, int count) {
  std::atomic<int> next{0};
  std::mutex mutex;
  std::vector<std::string> ids;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      HttpClient http(base_url);
      for (int i = next++; i < count; i = next++) {
        const auto response = post_workflow(http, kDiamond);
        if (response.status != 202) continue;
        std::lock_guard lock(mutex);
        ids.emplace_back(parse_json(response.body)["id"].GetString());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return ids;
}

int count_workflows(const std::string& database_url, const std::vector<std::string>& ids,
                    const std::string& status) {
  pqxx::connection db(database_url);
  pqxx::nontransaction tx(db);
  return tx
      .exec_params1("SELECT count(*) FROM workflows WHERE id = ANY($1::uuid[]) AND status = $2",
                    id_array(ids), status)[0]
      .as<int>();
}

TEST(WorkflowCrash, WorkersKilledInTheMiddleOfTwoHundredWorkflowsLoseAndDoubleNoStep) {
  TestStack stack({"workflow_crash_e2e", 2, {}});
  std::vector<std::string> ids;
  std::thread submitter([&] { ids = submit_diamonds(stack.base_url(), 200); });
  pqxx::connection db(stack.database_url());
  auto steps_done = [&] {
    pqxx::nontransaction tx(db);
    return tx.exec("SELECT count(*) FROM system_executions")[0][0].as<int>();
  };
  for (int round = 0; round < 3; ++round) {
    const int before = steps_done();
    ASSERT_TRUE(eventually([&] { return steps_done() > before + 30; })) << "no progress " << round;
    auto& victim = stack.workers()[static_cast<std::size_t>(round % 2)];
    victim->kill9();
    victim = stack.start_process("switchyard-worker", "worker-restarted-" + std::to_string(round));
  }
  submitter.join();
  ASSERT_GT(ids.size(), 180u) << "too few workflows accepted";
  EXPECT_TRUE(eventually(
      [&] {
        return count_workflows(stack.database_url(), ids, "succeeded") ==
               static_cast<int>(ids.size());
      },
      std::chrono::seconds(120)));
  EXPECT_EQ(count_workflows(stack.database_url(), ids, "succeeded"), static_cast<int>(ids.size()));
  expect_each_step_once(stack.database_url(), ids, 5);
}

TEST(WorkflowOutage, ABrokerRestartMidWorkflowLosesAndDoublesNoStep) {
  TestStack stack({"workflow_outage_e2e", 2, {}});
  const std::vector<std::string> ids = submit_diamonds(stack.base_url(), 100);
  ASSERT_EQ(ids.size(), 100u);
  ASSERT_LT(count_workflows(stack.database_url(), ids, "succeeded"), 100)
      << "all done before the stop";
  ASSERT_TRUE(run_test_servers("stop-broker"));
  std::this_thread::sleep_for(std::chrono::seconds(2));  // an outage, not a blip
  ASSERT_TRUE(run_test_servers("start-broker"));
  EXPECT_TRUE(
      eventually([&] { return count_workflows(stack.database_url(), ids, "succeeded") == 100; },
                 std::chrono::seconds(120)));
  expect_each_step_once(stack.database_url(), ids, 5);
}

}  // namespace
}  // namespace switchyard::testing
