// The Executor (workers/executor.hpp) with handlers the tests write: it runs one
// task, holds it to its deadline and classifies every way it can end — the
// handler's own TaskFailure, a missing handler, a payload that is not JSON, any
// other exception, a statement cancelled at the deadline — into an outcome,
// never an exception, except a lost database connection (not the task's fault).
#include "executor.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>

#include "dispatcher.hpp"
#include "support/function_handler.hpp"
#include "support/outcome_error.hpp"

namespace switchyard::workers {
namespace {

using domain::TaskStatus;
using switchyard::testing::error_type;
using switchyard::testing::handler;
using switchyard::testing::sample_task;

class ExecutorTest : public ::testing::Test {
 protected:
  // Registers `work` as test.work and runs `task` (test.work unless it says else).
  envelope::TaskOutcome run(switchyard::testing::FunctionHandler::Work work,
                            const envelope::TaskEnvelope& task = sample_task()) {
    dispatcher_.add({"test", "work"}, handler(std::move(work)));
    return executor_.execute(task, nullptr);
  }

  Dispatcher dispatcher_;
  Executor executor_{dispatcher_};
};

TEST_F(ExecutorTest, SucceedsWithTheHandlersResult) {
  const auto outcome = run(
      [](TaskContext& context) {
        return std::string(R"({"n":)") + std::to_string(context.payload["n"].GetInt()) + "}";
      },
      sample_task("test", "work", R"({"n":7})"));
  EXPECT_EQ(outcome.status, TaskStatus::kSucceeded);
  EXPECT_EQ(outcome.result_json, R"({"n":7})");
  EXPECT_TRUE(outcome.error_json.empty());
  EXPECT_FALSE(outcome.started_at.empty());
  EXPECT_FALSE(outcome.finished_at.empty());
}

TEST_F(ExecutorTest, GivesTheHandlerItsTaskAndADeadlineOfItsTimeout) {
  auto task = sample_task();
  task.timeout_ms = 60000;
  std::string seen_id;
  std::chrono::milliseconds left{0};
  run(
      [&](TaskContext& context) {
        seen_id = context.task.id;
        left = context.time_left();
        return std::string("null");
      },
      task);
  EXPECT_EQ(seen_id, task.id);
  EXPECT_GT(left, std::chrono::milliseconds(50000));
  EXPECT_LE(left, std::chrono::milliseconds(60000));
}

TEST_F(ExecutorTest, FailsATaskNoHandlerServesWithoutRetry) {
  const auto outcome = executor_.execute(sample_task("test", "nobody"), nullptr);
  EXPECT_EQ(outcome.status, TaskStatus::kFailed);
  EXPECT_EQ(error_type(outcome), "no_handler");
  EXPECT_FALSE(outcome.retryable);
}

TEST_F(ExecutorTest, FailsAPayloadThatIsNotJsonWithoutRetryOrRunningTheHandler) {
  bool ran = false;
  const auto outcome = run(
      [&](TaskContext&) {
        ran = true;
        return std::string("null");
      },
      sample_task("test", "work", "{not json"));
  EXPECT_FALSE(ran);
  EXPECT_EQ(outcome.status, TaskStatus::kFailed);
  EXPECT_EQ(error_type(outcome), "bad_payload");
  EXPECT_FALSE(outcome.retryable);
}

TEST_F(ExecutorTest, ReportsATaskFailureWithItsTypeAndMayRetryIt) {
  const auto outcome = run([](TaskContext&) -> std::string {
    throw TaskFailure(domain::FailureKind::kUpstreamUnavailable, "502 from it");
  });
  EXPECT_EQ(outcome.status, TaskStatus::kFailed);
  EXPECT_EQ(error_type(outcome), "upstream_unavailable");
  EXPECT_NE(outcome.error_json.find("502 from it"), std::string::npos);
  EXPECT_TRUE(outcome.retryable);
  EXPECT_TRUE(outcome.result_json.empty());
}

TEST_F(ExecutorTest, ReportsACallerErrorAsNotRetryable) {
  const auto outcome = run([](TaskContext&) -> std::string {
    throw caller_error(domain::FailureKind::kValidation, "no such user");
  });
  EXPECT_EQ(error_type(outcome), "validation");
  EXPECT_FALSE(outcome.retryable);
}

TEST_F(ExecutorTest, FailsAnyOtherExceptionAsARetryableInternalError) {
  const auto outcome =
      run([](TaskContext&) -> std::string { throw std::out_of_range("a bug in the handler"); });
  EXPECT_EQ(outcome.status, TaskStatus::kFailed);
  EXPECT_EQ(error_type(outcome), "internal_error");
  EXPECT_TRUE(outcome.retryable);
}

TEST_F(ExecutorTest, FailsAHandlerThatReturnsPastItsDeadlineAndDropsItsResult) {
  auto task = sample_task();
  task.timeout_ms = 5;
  const auto outcome = run(
      [](TaskContext& context) {
        std::this_thread::sleep_until(context.deadline + std::chrono::milliseconds(1));
        return std::string(R"({"late":true})");
      },
      task);
  EXPECT_EQ(outcome.status, TaskStatus::kFailed);
  EXPECT_EQ(error_type(outcome), "timeout");
  EXPECT_TRUE(outcome.retryable);
  EXPECT_TRUE(outcome.result_json.empty());
}

TEST_F(ExecutorTest, FailsAStatementCancelledAtTheDeadlineAsARetryableTimeout) {
  const auto outcome = run([](TaskContext&) -> std::string {
    throw pqxx::sql_error("canceling statement due to statement timeout", "SELECT 1", "57014");
  });
  EXPECT_EQ(error_type(outcome), "timeout");
  EXPECT_TRUE(outcome.retryable);
}

TEST_F(ExecutorTest, FailsOtherSqlErrorsAsRetryableInternalErrors) {
  const auto outcome = run([](TaskContext&) -> std::string {
    throw pqxx::sql_error("deadlock detected", "UPDATE t", "40P01");
  });
  EXPECT_EQ(error_type(outcome), "internal_error");
  EXPECT_TRUE(outcome.retryable);
}

TEST_F(ExecutorTest, LetsALostDatabaseConnectionThrough) {
  dispatcher_.add({"test", "work"}, handler([](TaskContext&) -> std::string {
                    throw pqxx::broken_connection("server closed the connection");
                  }));
  EXPECT_THROW(executor_.execute(sample_task(), nullptr), pqxx::broken_connection);
}

TEST_F(ExecutorTest, NeedsTheDatabaseOnlyForAHandlerThatWritesIt) {
  dispatcher_.add({"test", "plain"}, handler([](TaskContext&) { return std::string("null"); }));
  dispatcher_.add({"test", "writes"}, handler([](TaskContext&) { return std::string("null"); },
                                              /*uses_database=*/true));
  EXPECT_FALSE(executor_.needs_database(sample_task("test", "plain")));
  EXPECT_TRUE(executor_.needs_database(sample_task("test", "writes")));
  EXPECT_FALSE(executor_.needs_database(sample_task("test", "nobody")));
}

}  // namespace
}  // namespace switchyard::workers
