// Retries and dead letters end to end: a failed attempt waits in a delay queue and
// comes back with the next attempt number; when attempts run out the task is
// `dead`, with every attempt's error, and its view waits in the dead-letters queue.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "amqp/connection.hpp"
#include "amqp/delay_queues.hpp"
#include "envelope/task_id.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

class Retries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new TestStack({"retries_e2e", 1, {{"LOG_LEVEL", "debug"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  rapidjson::Document task(const std::string& id) {
    return parse_json(api_.get("/api/v1/tasks/" + id).body);
  }

  std::uint32_t dead_letters() {
    amqp::Connection broker({stack_->broker_url(), "test-inspector"});
    return broker.queue_depth(amqp::kDeadLettersQueue);
  }

  std::uint32_t dead_tasks() {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    return tx.exec1("SELECT count(*) FROM tasks WHERE status = 'dead'")[0].as<std::uint32_t>();
  }

  static TestStack* stack_;
  TaskApiClient api_{stack_->base_url()};
};

TestStack* Retries::stack_ = nullptr;

TEST_F(Retries, FlakyTaskSucceedsOnItsThirdAttemptAfterTwoDelays) {
  const auto started = std::chrono::steady_clock::now();
  const std::string id =
      api_.submit_id(R"({"service":"system","action":"flaky","payload":{"succeed_on_attempt":3}})");
  ASSERT_TRUE(api_.reaches(id, "succeeded"));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const auto t = task(id);
  EXPECT_EQ(t["attempts"].GetInt(), 3);
  EXPECT_EQ(t["result"]["attempt"].GetInt(), 3);
  ASSERT_EQ(t["errors"].Size(), 2u);  // the history of the failed attempts stays
  EXPECT_EQ(t["errors"][0]["attempt"].GetInt(), 1);
  EXPECT_EQ(t["errors"][1]["attempt"].GetInt(), 2);
  EXPECT_STREQ(t["errors"][1]["type"].GetString(), "requested_failure");
  // The timeline's facts: when each failed attempt started, how long its retry waited.
  for (const auto& error : t["errors"].GetArray()) {
    EXPECT_TRUE(error["started_at"].IsString());
    EXPECT_GE(error["retry_delay_ms"].GetInt64(), 100);
  }
  // backoff 100 ms then 200 ms (services.yaml), each ±20 % and rounded to a step
  EXPECT_GE(elapsed, std::chrono::milliseconds(200));
}

TEST_F(Retries, RetryingIsVisibleBetweenAttempts) {
  // base 1 s (the default policy) keeps the task retrying long enough to see it.
  const std::string id = api_.submit_id(
      R"({"service":"system","action":"fail","max_attempts":2,"payload":{"message":"once more"}})");
  ASSERT_TRUE(api_.reaches(id, "retrying"));
  const auto t = task(id);
  EXPECT_EQ(t["attempts"].GetInt(), 1);
  EXPECT_STREQ(t["error"]["message"].GetString(), "once more");
  EXPECT_TRUE(t["finished_at"].IsNull());
  ASSERT_TRUE(api_.reaches(id, "dead"));
}

TEST_F(Retries, ExhaustedTaskIsDeadWithEveryErrorAndDeadLettered) {
  const std::string id = api_.submit_id(
      R"({"service":"system","action":"fail","max_attempts":3,"payload":{"message":"boom"}})");
  ASSERT_TRUE(api_.reaches(id, "dead", std::chrono::seconds(60)));
  const auto t = task(id);
  EXPECT_EQ(t["attempts"].GetInt(), 3);
  EXPECT_STREQ(t["error"]["message"].GetString(), "boom");
  ASSERT_EQ(t["errors"].Size(), 3u);
  EXPECT_FALSE(t["finished_at"].IsNull());
  // One dead letter per dead task (this test's and the others'), no more, no less.
  EXPECT_TRUE(eventually([&] { return dead_letters() == dead_tasks(); }))
      << dead_letters() << " dead letters for " << dead_tasks() << " dead tasks";
}

TEST_F(Retries, WaitingCallerGetsTheAnswerOfTheLastAttempt) {
  const auto response =
      api_.submit(R"({"service":"system","action":"flaky","payload":{"succeed_on_attempt":2}})",
                  {{"Prefer", "wait=20"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const auto t = parse_json(response.body);
  EXPECT_STREQ(t["status"].GetString(), "succeeded");
  EXPECT_EQ(t["attempts"].GetInt(), 2);
}

TEST_F(Retries, SingleAttemptFailureIsDeadAtOnce) {
  const std::string id = api_.submit_id(R"({"service":"system","action":"fail"})");
  ASSERT_TRUE(api_.reaches(id, "dead"));
  EXPECT_EQ(task(id)["attempts"].GetInt(), 1);
}

}  // namespace
}  // namespace switchyard::testing

// Replays come last: a replayed task leaves its dead letter in the queue, which the
// one-letter-per-dead-task check above does not expect.
namespace switchyard::testing {
namespace {

TEST_F(Retries, ReplayedDeadLetterRunsItsNextAttempt) {
  const std::string id = api_.submit_id(
      R"({"service":"system","action":"flaky","max_attempts":2,"payload":{"succeed_on_attempt":3}})");
  ASSERT_TRUE(api_.reaches(id, "dead"));

  const auto listed = parse_json(api_.get("/api/v1/dead-letters?service=system&limit=500").body);
  bool found = false;
  for (const auto& item : listed["items"].GetArray()) {
    EXPECT_STREQ(item["status"].GetString(), "dead");
    found = found || item["id"].GetString() == id;
  }
  EXPECT_TRUE(found) << "the dead task is not listed";

  const auto replay =
      api_.http().request("POST", "/api/v1/dead-letters/" + id + "/replay", "", admin_headers());
  ASSERT_EQ(replay.status, 202) << replay.body;
  EXPECT_EQ(parse_json(replay.body)["attempt"].GetInt(), 3);
  ASSERT_TRUE(api_.reaches(id, "succeeded"));
  const auto t = task(id);
  EXPECT_EQ(t["attempts"].GetInt(), 3);
  EXPECT_EQ(t["errors"].Size(), 2u);

  const auto again =
      api_.http().request("POST", "/api/v1/dead-letters/" + id + "/replay", "", admin_headers());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(api_.http()
                .request("POST", "/api/v1/dead-letters/" + envelope::new_task_id() + "/replay", "",
                         admin_headers())
                .status,
            404);
}

TEST_F(Retries, BulkReplayRunsEveryDeadLetterOfAnAction) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(api_.submit_id(
        R"({"service":"system","action":"flaky","max_attempts":1,"payload":{"succeed_on_attempt":2}})"));
  }
  for (const auto& id : ids) ASSERT_TRUE(api_.reaches(id, "dead"));
  const auto response = api_.http().request(
      "POST", "/api/v1/dead-letters/replay?service=system&action=flaky", "", admin_headers());
  ASSERT_EQ(response.status, 202) << response.body;
  const auto summary = parse_json(response.body);
  EXPECT_GE(summary["replayed"].GetInt(), 3);
  EXPECT_EQ(summary["refused"].GetInt(), 0);
  for (const auto& id : ids) EXPECT_TRUE(api_.reaches(id, "succeeded")) << id;
  EXPECT_EQ(api_.http()
                .request("POST", "/api/v1/dead-letters/replay?service=nope", "", admin_headers())
                .status,
            400);
}

}  // namespace
}  // namespace switchyard::testing
