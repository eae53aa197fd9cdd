// Timeouts enforced while a handler runs: a task past its timeout_ms fails at its
// deadline (its handler thread is abandoned) and follows the retry policy, the
// worker serving other tasks meanwhile; once too many abandoned handlers are stuck
// the worker re-executes itself and goes on.
#include <gtest/gtest.h>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

class Timeouts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new TestStack(
        {"timeouts_e2e", 1, {{"WORKER_CONCURRENCY", "4"}, {"WORKER_MAX_STUCK_RUNNERS", "4"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  rapidjson::Document task(const std::string& id) {
    return parse_json(api_.get("/api/v1/tasks/" + id).body);
  }

  static TestStack* stack_;
  TaskApiClient api_{stack_->base_url()};
};

TestStack* Timeouts::stack_ = nullptr;

TEST_F(Timeouts, TaskPastItsTimeoutFailsAtTheDeadlineWhileTheWorkerServesOthers) {
  const auto started = Clock::now();
  const std::string stuck =
      api_.submit_id(R"({"service":"system","action":"sleep","timeout_ms":300,"max_attempts":1,)"
                     R"("payload":{"ms":20000}})");
  ASSERT_TRUE(api_.reaches(stuck, "dead", seconds(10)));  // attempts exhausted
  EXPECT_LT(Clock::now() - started, seconds(5)) << "the timeout waited for the handler";
  const auto t = task(stuck);
  EXPECT_STREQ(t["error"]["type"].GetString(), "timeout");
  EXPECT_EQ(t["attempts"].GetInt(), 1);

  // The abandoned handler still sleeps; the worker serves others all the same.
  const std::string next = api_.submit_id(R"({"service":"system","action":"noop"})");
  EXPECT_TRUE(api_.reaches(next, "succeeded", seconds(10)));
}

TEST_F(Timeouts, TimeoutFollowsTheRetryPolicy) {
  const std::string id =
      api_.submit_id(R"({"service":"system","action":"sleep","timeout_ms":200,"max_attempts":2,)"
                     R"("payload":{"ms":5000}})");
  ASSERT_TRUE(api_.reaches(id, "dead", seconds(30)));
  const auto t = task(id);
  EXPECT_EQ(t["attempts"].GetInt(), 2);
  ASSERT_EQ(t["errors"].Size(), 2u);
  EXPECT_STREQ(t["errors"][0]["type"].GetString(), "timeout");
  EXPECT_STREQ(t["errors"][1]["type"].GetString(), "timeout");
}

// How many times the worker has re-executed itself so far.
std::size_t re_executions(const std::string& log) {
  std::size_t count = 0;
  for (auto at = log.find("re-executing itself"); at != std::string::npos;
       at = log.find("re-executing itself", at + 1)) {
    ++count;
  }
  return count;
}

TEST_F(Timeouts, TooManyStuckHandlersMakeTheWorkerReExecuteItself) {
  auto& worker = *stack_->workers()[0];
  const pid_t pid = worker.pid();
  const std::size_t before = re_executions(worker.log());
  // Four stuck handlers make the cap on their own, whatever the tests before left.
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(
        api_.submit_id(R"({"service":"system","action":"sleep","timeout_ms":100,"max_attempts":1,)"
                       R"("payload":{"ms":60000}})"));
  }
  for (const auto& id : ids) ASSERT_TRUE(api_.reaches(id, "dead", seconds(15)));
  ASSERT_TRUE(eventually([&] { return re_executions(worker.log()) > before; }, seconds(15)))
      << worker.log();
  EXPECT_TRUE(worker.running());
  EXPECT_EQ(worker.pid(), pid);  // the same process, a new image
  // The new image connects again and serves.
  const std::string after = api_.submit_id(R"({"service":"system","action":"noop"})");
  EXPECT_TRUE(api_.reaches(after, "succeeded", seconds(20))) << worker.log();
}

}  // namespace
}  // namespace switchyard::testing
