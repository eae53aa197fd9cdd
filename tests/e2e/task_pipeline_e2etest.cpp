// The task pipeline end to end: real api, listener and worker processes on the
// test PostgreSQL and RabbitMQ, driven over HTTP like a client would.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "amqp/connection.hpp"
#include "amqp/topology.hpp"
#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

rapidjson::Document parse(const std::string& body) { return parse_json(body); }

class TaskPipeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"task_pipeline_e2e", 1, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  HttpResponse submit(const std::string& body,
                      const std::map<std::string, std::string>& headers = {}) {
    return api_.submit(body, headers);
  }
  std::string submit_id(const std::string& body) { return api_.submit_id(body); }
  HttpResponse get(const std::string& path) { return api_.get(path); }
  std::string status_of(const std::string& id) { return api_.status_of(id); }
  bool reaches(const std::string& id, const std::string& status) {
    return api_.reaches(id, status);
  }

  static TestStack* stack_;
  TaskApiClient api_{stack_->base_url()};
  HttpClient& client_ = api_.http();
};

TestStack* TaskPipeline::stack_ = nullptr;

TEST_F(TaskPipeline, SubmittedTaskReachesSucceededWithItsResult) {
  const auto response =
      submit(R"({"service":"system","action":"noop","payload":{"hello":"world"}})");
  ASSERT_EQ(response.status, 202) << response.body;
  const auto accepted = parse(response.body);
  const std::string id = accepted["id"].GetString();
  EXPECT_STREQ(accepted["status"].GetString(), "queued");
  EXPECT_EQ(response.header("location"), "/api/v1/tasks/" + id);

  ASSERT_TRUE(reaches(id, "succeeded"));
  const auto task = parse(get("/api/v1/tasks/" + id).body);
  EXPECT_STREQ(task["result"]["hello"].GetString(), "world");
  EXPECT_STREQ(task["payload"]["hello"].GetString(), "world");
  EXPECT_EQ(task["attempts"].GetInt(), 1);
  EXPECT_STREQ(task["submitted_by"].GetString(), "dev-admin");
  EXPECT_TRUE(task["finished_at"].IsString());
}

TEST_F(TaskPipeline, ThousandConcurrentTasksEachSucceedExactlyOnce) {
  constexpr int kTasks = 1000;
  constexpr int kThreads = 16;
  std::atomic<int> next{0};
  std::mutex mutex;
  std::vector<std::string> ids;
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      HttpClient client(stack_->base_url());
      for (int i = next++; i < kTasks; i = next++) {
        const auto response = client.request(
            "POST", "/api/v1/tasks",
            R"({"service":"system","action":"noop","payload":{"i":)" + std::to_string(i) + "}}",
            admin_headers());
        if (response.status != 202) {
          ++refused;
          continue;
        }
        rapidjson::Document doc;
        doc.Parse(response.body.c_str());
        std::lock_guard lock(mutex);
        ids.emplace_back(doc["id"].GetString());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(refused.load(), 0);
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kTasks));
  ASSERT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());

  pqxx::connection db(stack_->database_url());
  auto count = [&](const std::string& where) {
    pqxx::nontransaction tx(db);
    return tx
        .exec_params(
            "SELECT count(*) FROM tasks WHERE id = ANY($1::uuid[]) AND " + where,
            "{" +
                [&] {
                  std::string joined;
                  for (const auto& id : ids) joined += (joined.empty() ? "" : ",") + id;
                  return joined;
                }() +
                "}")[0][0]
        .as<int>();
  };
  ASSERT_TRUE(
      eventually([&] { return count("status = 'succeeded'") == kTasks; }, std::chrono::seconds(60)))
      << count("status = 'succeeded'") << " of " << kTasks << " succeeded";
  // Exactly once: one row each (the primary key), each run once, result = payload.
  EXPECT_EQ(count("attempts = 1 AND result = payload"), kTasks);
}

TEST_F(TaskPipeline, PreferWaitAnswersWithTheResult) {
  const auto response =
      submit(R"({"service":"system","action":"noop","payload":{"n":7}})", {{"Prefer", "wait=10"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const auto task = parse(response.body);
  EXPECT_STREQ(task["status"].GetString(), "succeeded");
  EXPECT_EQ(task["result"]["n"].GetInt(), 7);
}

TEST_F(TaskPipeline, PreferWaitFallsBackTo202WhenTheTaskIsSlower) {
  const auto started = std::chrono::steady_clock::now();
  const auto response = submit(R"({"service":"system","action":"sleep","payload":{"ms":3000}})",
                               {{"Prefer", "wait=1"}});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(response.status, 202) << response.body;
  EXPECT_LT(elapsed, std::chrono::milliseconds(2500));
  EXPECT_TRUE(reaches(parse(response.body)["id"].GetString(), "succeeded"));
}

TEST_F(TaskPipeline, ThroughputCountsWhatEndedInTheLastMinutes) {
  const auto ended = [&](const char* status) {
    return parse(get("/api/v1/tasks/throughput?minutes=5&service=system").body)["totals"][status]
        .GetInt64();
  };
  const auto succeeded_before = ended("succeeded");
  const auto failed_before = ended("failed");
  ASSERT_TRUE(reaches(submit_id(R"({"service":"system","action":"noop"})"), "succeeded"));
  ASSERT_TRUE(reaches(submit_id(R"({"service":"system","action":"sleep","payload":{"ms":"soon"}})"),
                      "failed"));
  EXPECT_TRUE(eventually([&] {
    return ended("succeeded") >= succeeded_before + 1 && ended("failed") >= failed_before + 1;
  }));
  const auto hour = parse(get("/api/v1/tasks/throughput").body);
  EXPECT_EQ(hour["minutes"].GetInt(), 60);
  EXPECT_EQ(hour["series"].Size(), 60u);
  EXPECT_GT(hour["tasks_per_second"].GetDouble(), 0.0);
  EXPECT_GT(hour["failure_rate"].GetDouble(), 0.0);
  for (const char* bad : {"minutes=0", "minutes=1441", "minutes=ten", "minutes=", "service=No!"}) {
    const auto answer = get(std::string("/api/v1/tasks/throughput?") + bad);
    EXPECT_EQ(answer.status, 400) << bad << ": " << answer.body;
  }
}

TEST_F(TaskPipeline, TaskThatNoRetryCanFixFailsAtOnceWithItsError) {
  const std::string id = submit_id(
      R"({"service":"system","action":"sleep","max_attempts":5,"payload":{"ms":"soon"}})");
  ASSERT_TRUE(reaches(id, "failed"));
  const auto task = parse(get("/api/v1/tasks/" + id).body);
  EXPECT_STREQ(task["error"]["type"].GetString(), "bad_payload");
  EXPECT_EQ(task["attempts"].GetInt(), 1);
  ASSERT_EQ(task["errors"].Size(), 1u);
  EXPECT_EQ(task["errors"][0]["attempt"].GetInt(), 1);
}

TEST_F(TaskPipeline, BadRequestsGetTheirClientErrors) {
  struct Case {
    std::string body;
    long status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {R"({"service":"system","action":)", 400, ""},
      {R"([1,2,3])", 400, ""},
      {R"({"service":"system","action":"noop","priority":"high"})", 400, "priority"},
      {R"({"service":"system","action":"noop","payload":[1]})", 400, "payload"},
      {R"({"service":"nope","action":"noop"})", 400, "service"},
      {R"({"service":"system","action":"nope"})", 400, "action"},
      {R"({"service":"system"})", 400, "action"},
      {R"({"service":"system","action":"noop","surprise":true})", 400, "surprise"},
      {R"({"service":"system","action":"noop","payload":{"x":")" + std::string(2 << 20, 'a') +
           R"("}})",
       413, ""},
  };
  for (const auto& c : cases) {
    const auto response = submit(c.body);
    EXPECT_EQ(response.status, c.status) << c.body.substr(0, 80) << " → " << response.body;
    const auto error = parse(response.body);
    ASSERT_TRUE(error.HasMember("error")) << response.body;
    EXPECT_TRUE(error["error"]["request_id"].IsString());
    EXPECT_TRUE(error["error"]["timestamp"].IsString());
    if (!c.field.empty()) {
      ASSERT_TRUE(error["error"]["details"].IsArray()) << response.body;
      EXPECT_EQ(error["error"]["details"][0]["field"].GetString(), c.field) << response.body;
    }
  }
}

TEST_F(TaskPipeline, CredentialsAreRequired) {
  const std::string body = R"({"service":"system","action":"noop"})";
  const auto none = client_.request("POST", "/api/v1/tasks", body);
  EXPECT_EQ(none.status, 401);
  EXPECT_STREQ(parse(none.body)["error"]["code"].GetString(), "AUTHENTICATION_ERROR");
  const auto wrong =
      client_.request("POST", "/api/v1/tasks", body, {{"Authorization", "Bearer not-a-key"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(client_.request("GET", "/api/v1/tasks/stats").status, 401);
  EXPECT_EQ(client_.request("GET", "/health").status, 200);
}

TEST_F(TaskPipeline, UnknownAndMalformedTaskIds) {
  EXPECT_EQ(get("/api/v1/tasks/0190a0c0-0000-7000-8000-000000000000").status, 404);
  EXPECT_EQ(get("/api/v1/tasks/not-a-uuid").status, 400);
  EXPECT_EQ(client_.request("GET", "/api/v1/no-such-route", {}, admin_headers()).status, 404);
}

TEST_F(TaskPipeline, QueuedTaskCanBeCancelledAndNeverRuns) {
  // Keep the only worker busy, so the next task waits in the queue.
  const std::string blocker =
      submit_id(R"({"service":"system","action":"sleep","payload":{"ms":2000}})");
  ASSERT_TRUE(reaches(blocker, "running"));
  const std::string id = submit_id(R"({"service":"system","action":"noop"})");
  ASSERT_TRUE(reaches(id, "queued"));

  const auto cancel =
      client_.request("POST", "/api/v1/tasks/" + id + "/cancel", "", admin_headers());
  ASSERT_EQ(cancel.status, 202) << cancel.body;
  ASSERT_TRUE(reaches(id, "cancelled"));
  ASSERT_TRUE(reaches(blocker, "succeeded"));
  // The worker has since received the cancelled task: it must have left it alone.
  EXPECT_TRUE(eventually([&] {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    return tx.exec_params(
                 "SELECT 1 FROM tasks WHERE id = $1 AND status = 'cancelled' "
                 "AND started_at IS NULL AND result IS NULL",
                 id)
               .size() == 1;
  }));
  const auto again =
      client_.request("POST", "/api/v1/tasks/" + id + "/cancel", "", admin_headers());
  EXPECT_EQ(again.status, 409);
}

TEST_F(TaskPipeline, FinishedTaskCannotBeCancelled) {
  const std::string id = submit_id(R"({"service":"system","action":"noop"})");
  ASSERT_TRUE(reaches(id, "succeeded"));
  const auto response =
      client_.request("POST", "/api/v1/tasks/" + id + "/cancel", "", admin_headers());
  EXPECT_EQ(response.status, 409);
  EXPECT_STREQ(parse(response.body)["error"]["code"].GetString(), "CONFLICT");
}

TEST_F(TaskPipeline, ListingFiltersAndPagesWithACursor) {
  std::set<std::string> submitted;
  for (int i = 0; i < 5; ++i) {
    submitted.insert(submit_id(R"({"service":"system","action":"sleep","payload":{}})"));
  }
  for (const auto& id : submitted) ASSERT_TRUE(reaches(id, "failed"));

  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const auto response = get("/api/v1/tasks?service=system&action=sleep&status=failed&limit=2" +
                              (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(response.status, 200) << response.body;
    const auto page = parse(response.body);
    for (const auto& item : page["items"].GetArray()) {
      EXPECT_STREQ(item["action"].GetString(), "sleep");
      EXPECT_TRUE(seen.insert(item["id"].GetString()).second) << "a task appeared twice";
    }
    cursor = page["next_cursor"].IsString() ? page["next_cursor"].GetString() : "";
    EXPECT_EQ(page["has_more"].GetBool(), !cursor.empty());
    ++pages;
  } while (!cursor.empty() && pages < 20);
  for (const auto& id : submitted) EXPECT_TRUE(seen.count(id)) << id << " missing from the pages";
  EXPECT_GE(pages, 3);

  EXPECT_EQ(get("/api/v1/tasks?status=finished").status, 400);
  EXPECT_EQ(get("/api/v1/tasks?limit=0").status, 400);
  EXPECT_EQ(get("/api/v1/tasks?since=yesterday").status, 400);
  EXPECT_EQ(get("/api/v1/tasks?since=2020-01-01").status, 200);

  // A time range: `until` bounds the submission time from above.
  EXPECT_EQ(get("/api/v1/tasks?until=tomorrow").status, 400);
  const auto before_them =
      parse(get("/api/v1/tasks?service=system&action=sleep&until=2020-01-01").body);
  EXPECT_EQ(before_them["items"].Size(), 0u);
  const auto around_them = parse(
      get("/api/v1/tasks?service=system&action=sleep&since=2020-01-01&until=2999-01-01&limit=500")
          .body);
  std::set<std::string> in_range;
  for (const auto& item : around_them["items"].GetArray()) in_range.insert(item["id"].GetString());
  for (const auto& id : submitted)
    EXPECT_TRUE(in_range.count(id)) << id << " missing from the range";
}

TEST_F(TaskPipeline, StatsCountByStatusAndService) {
  const auto before = parse(get("/api/v1/tasks/stats").body);
  const auto succeeded_before = before["by_status"]["succeeded"].GetInt64();
  const std::string id = submit_id(R"({"service":"system","action":"noop"})");
  ASSERT_TRUE(reaches(id, "succeeded"));
  ASSERT_TRUE(eventually([&] {
    const auto after = parse(get("/api/v1/tasks/stats").body);
    return after["by_status"]["succeeded"].GetInt64() == succeeded_before + 1;
  }));
  const auto after = parse(get("/api/v1/tasks/stats").body);
  EXPECT_TRUE(after["by_service"]["system"]["succeeded"].IsInt64());
  EXPECT_EQ(after["by_status"]["queued"].GetInt64() + after["by_status"]["running"].GetInt64() +
                after["by_status"]["succeeded"].GetInt64() +
                after["by_status"]["failed"].GetInt64() +
                after["by_status"]["retrying"].GetInt64() + after["by_status"]["dead"].GetInt64() +
                after["by_status"]["cancelled"].GetInt64(),
            after["total"].GetInt64());
}

TEST_F(TaskPipeline, HealthMetricsAndDocumentationAreServed) {
  const auto health = client_.request("GET", "/health");
  ASSERT_EQ(health.status, 200);
  const auto h = parse(health.body);
  EXPECT_STREQ(h["status"].GetString(), "healthy");
  EXPECT_TRUE(h["checks"]["database"].GetBool());
  EXPECT_TRUE(h["checks"]["broker"].GetBool());
  EXPECT_TRUE(h["version"].IsString());
  EXPECT_TRUE(h["uptime"].IsInt64());

  submit(R"({"service":"system","action":"noop"})");
  const auto metrics = client_.request("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find(
          R"(switchyard_http_requests_total{method="POST",route="/api/v1/tasks",status="202"})"),
      std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("switchyard_http_request_duration_seconds_bucket"),
            std::string::npos);
  EXPECT_NE(metrics.body.find(R"(switchyard_tasks_published_total{service="system"})"),
            std::string::npos);

  const auto openapi = client_.request("GET", "/openapi.json");
  ASSERT_EQ(openapi.status, 200);
  const auto doc = parse(openapi.body);
  EXPECT_TRUE(doc["paths"].HasMember("/api/v1/tasks"));
  EXPECT_TRUE(doc["components"]["schemas"].HasMember("TaskSubmission"));

  const auto docs = client_.request("GET", "/docs");
  EXPECT_EQ(docs.status, 200);
  EXPECT_NE(docs.body.find("swagger-ui"), std::string::npos);
  EXPECT_EQ(client_.request("GET", "/redoc").status, 200);
}

TEST_F(TaskPipeline, TwoCopiesOfOneTaskInTheQueueRunItOnce) {
  // A producer that publishes the same envelope twice (straight to the exchange).
  envelope::TaskEnvelope task;
  task.id = envelope::new_task_id();
  task.service = "system";
  task.action = "noop";
  task.payload_json = R"({"copy":true})";
  {
    amqp::Connection broker({stack_->broker_url(), "test-producer"});
    const std::string body = envelope::to_json(task);
    amqp::MessageProperties props;
    props.message_id = task.id;
    broker.publish(amqp::kTasksExchange, task.routing_key(), body, props);
    broker.publish(amqp::kTasksExchange, task.routing_key(), body, props);
  }
  ASSERT_TRUE(reaches(task.id, "succeeded"));
  EXPECT_EQ(parse(get("/api/v1/tasks/" + task.id).body)["attempts"].GetInt(), 1);
  // The worker is not stuck on them: the next task still runs.
  EXPECT_TRUE(reaches(submit_id(R"({"service":"system","action":"noop"})"), "succeeded"));
}

TEST_F(TaskPipeline, WorkersReportTheirHeartbeat) {
  rapidjson::Document workers;
  ASSERT_TRUE(eventually([&] {
    workers = parse(get("/api/v1/workers").body);
    return workers.IsObject() && workers["workers"].Size() == 1;
  })) << "no live worker listed";
  const auto& worker = workers["workers"][0];
  EXPECT_GT(worker["pid"].GetInt(), 0);
  // Every service this worker binary has handlers for, the internal ones included.
  std::set<std::string> served;
  for (const auto& name : worker["services"].GetArray()) served.insert(name.GetString());
  EXPECT_EQ(served, (std::set<std::string>{"alerts", "identity", "incident_orchestration",
                                           "incidents", "plugins", "releases", "schedules", "slack",
                                           "system", "tracker", "workflows"}));
  const auto processed = worker["processed"].GetInt64();
  ASSERT_TRUE(reaches(submit_id(R"({"service":"system","action":"noop"})"), "succeeded"));
  EXPECT_TRUE(eventually([&] {
    const auto now = parse(get("/api/v1/workers").body);
    return now["workers"].Size() == 1 && now["workers"][0]["processed"].GetInt64() > processed;
  })) << "the heartbeat does not follow the work";
}

TEST_F(TaskPipeline, ServicesShowTheirQueueAndConsumers) {
  const auto response = get("/api/v1/services");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto services = parse(response.body);
  const auto& all = services["services"];
  const auto found = std::find_if(all.Begin(), all.End(), [](const rapidjson::Value& service) {
    return service["name"] == "system";
  });
  ASSERT_NE(found, all.End()) << response.body;
  const auto& system = *found;
  EXPECT_STREQ(system["name"].GetString(), "system");
  EXPECT_STREQ(system["queue"].GetString(), "tasks.system");
  EXPECT_EQ(system["consumers"].GetUint(), 1u);
  EXPECT_TRUE(system["messages"].IsUint());
  EXPECT_GE(system["actions"].Size(), 3u);
}

TEST_F(TaskPipeline, AnswersKeepTheConnectionAliveAndCarryARequestId) {
  const auto response = client_.request("GET", "/health", {}, {{"X-Request-ID", "trace-42"}});
  EXPECT_EQ(response.header("connection"), "Keep-Alive");
  EXPECT_EQ(response.header("x-request-id"), "trace-42");
  EXPECT_FALSE(client_.request("GET", "/health").header("x-request-id").empty());
}

}  // namespace
}  // namespace switchyard::testing
