// Idempotency keys end to end: the same key from the same client names the same
// task, and the task has one effect (rows in system_executions, written by
// system.record in the worker's transaction), also when requests race.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "amqp/connection.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

class Idempotency : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"idempotency_e2e", 2, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  int executions(const std::string& id) {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    return tx.exec_params1("SELECT count(*) FROM system_executions WHERE task_id = $1", id)[0]
        .as<int>();
  }

  static TestStack* stack_;
  TaskApiClient api_{stack_->base_url()};
};

TestStack* Idempotency::stack_ = nullptr;

TEST_F(Idempotency, SameKeyTwiceGivesTheSameTaskAndOneEffect) {
  const std::string body = R"({"service":"system","action":"record","payload":{"n":1}})";
  const auto first = api_.submit(body, {{"Idempotency-Key", "order-1"}});
  ASSERT_EQ(first.status, 202) << first.body;
  const std::string id = parse_json(first.body)["id"].GetString();
  ASSERT_TRUE(api_.reaches(id, "succeeded"));

  const auto second = api_.submit(body, {{"Idempotency-Key", "order-1"}});
  ASSERT_EQ(second.status, 200) << second.body;  // answered from the first: it is done
  EXPECT_EQ(parse_json(second.body)["id"].GetString(), id);
  EXPECT_EQ(second.header("idempotent-replayed"), "true");
  // The body field is the same key as the header.
  const auto third = api_.submit(
      R"({"service":"system","action":"record","payload":{"n":1},"idempotency_key":"order-1"})");
  EXPECT_EQ(parse_json(third.body)["id"].GetString(), id);
  EXPECT_EQ(executions(id), 1);
}

TEST_F(Idempotency, AKeyedTaskIsListedByItsKeyAndSubmitter) {
  const auto submitted =
      api_.submit(R"({"service":"system","action":"noop"})", {{"Idempotency-Key", "find-me"}});
  ASSERT_EQ(submitted.status, 202) << submitted.body;
  const std::string id = parse_json(submitted.body)["id"].GetString();
  ASSERT_TRUE(api_.reaches(id, "succeeded"));
  const std::string submitter =
      parse_json(api_.get("/api/v1/tasks/" + id).body)["submitted_by"].GetString();

  const auto found = api_.get("/api/v1/tasks?idempotency_key=find-me&submitted_by=" + submitter);
  ASSERT_EQ(found.status, 200) << found.body;
  const auto page = parse_json(found.body);
  ASSERT_EQ(page["items"].Size(), 1u) << found.body;
  EXPECT_EQ(page["items"][0]["id"].GetString(), id);
  // With the other filters as usual: none of them matches here.
  EXPECT_EQ(parse_json(api_.get("/api/v1/tasks?idempotency_key=find-me&submitted_by=" + submitter +
                                "&status=cancelled")
                           .body)["items"]
                .Size(),
            0u);
  // Another key, or the same key of another submitter, names no task.
  for (const std::string& query :
       {"idempotency_key=find-you&submitted_by=" + submitter,
        std::string("idempotency_key=find-me&submitted_by=someone-else")}) {
    const auto none = api_.get("/api/v1/tasks?" + query);
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_EQ(parse_json(none.body)["items"].Size(), 0u) << query;
  }
  // An admin names the submitter: a key is one submitter's.
  EXPECT_EQ(api_.get("/api/v1/tasks?idempotency_key=find-me").status, 400);
  EXPECT_EQ(api_.get("/api/v1/tasks?idempotency_key=&submitted_by=x").status, 400);
  EXPECT_EQ(
      api_.get("/api/v1/tasks?submitted_by=x&idempotency_key=" + std::string(256, 'k')).status,
      400);
}

TEST_F(Idempotency, RacingRequestsWithOneKeyMakeOneTaskAndOneEffect) {
  constexpr int kThreads = 16;
  std::mutex mutex;
  std::set<std::string> ids;
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      TaskApiClient client(stack_->base_url());
      const auto response =
          client.submit(R"({"service":"system","action":"record","payload":{"n":2}})",
                        {{"Idempotency-Key", "race-1"}});
      if (response.status != 202 && response.status != 200) {
        ++refused;
        return;
      }
      std::lock_guard lock(mutex);
      ids.insert(parse_json(response.body)["id"].GetString());
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(refused.load(), 0);
  ASSERT_EQ(ids.size(), 1u);
  const std::string id = *ids.begin();
  ASSERT_TRUE(api_.reaches(id, "succeeded"));
  // Every copy published has been handled once the queue is empty.
  ASSERT_TRUE(eventually([&] {
    amqp::Connection broker({stack_->broker_url(), "test-inspector"});
    return broker.queue_depth("tasks.system") == 0;
  }));
  EXPECT_EQ(executions(id), 1);
}

TEST_F(Idempotency, KeyReusedForADifferentRequestIsAConflict) {
  const auto first = api_.submit(R"({"service":"system","action":"record","payload":{"n":3}})",
                                 {{"Idempotency-Key", "order-3"}});
  ASSERT_EQ(first.status, 202);
  ASSERT_TRUE(api_.reaches(parse_json(first.body)["id"].GetString(), "succeeded"));
  const auto other = api_.submit(R"({"service":"system","action":"record","payload":{"n":4}})",
                                 {{"Idempotency-Key", "order-3"}});
  EXPECT_EQ(other.status, 409) << other.body;
}

TEST_F(Idempotency, HeaderAndBodyKeysMustAgree) {
  const auto response = api_.submit(R"({"service":"system","action":"noop","idempotency_key":"a"})",
                                    {{"Idempotency-Key", "b"}});
  EXPECT_EQ(response.status, 400) << response.body;
}

TEST_F(Idempotency, AFailedAttemptLeavesNoEffectBehind) {
  const std::string id = api_.submit_id(
      R"({"service":"system","action":"record","max_attempts":1,"payload":{"fail":true}})");
  ASSERT_TRUE(api_.reaches(id, "dead"));
  EXPECT_EQ(executions(id), 0);  // its row was rolled back with its savepoint
}

}  // namespace
}  // namespace switchyard::testing
