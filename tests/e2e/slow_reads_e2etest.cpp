// A read that runs past the API's statement timeout (DB_STATEMENT_TIMEOUT_MS, here
// 300 ms) answers 503 with Retry-After in its surface's error format, and the API
// logs it with the request id and the route; never a 500. The test holds a lock
// on the table read, so the API's query waits until PostgreSQL cancels it.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

class SlowReads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new TestStack({"slow_reads_e2e", 0, {{"DB_STATEMENT_TIMEOUT_MS", "300"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  // GET `path` while another transaction holds `table` locked.
  HttpResponse get_while_locked(const std::string& table, const std::string& path) {
    pqxx::connection holder(stack_->database_url());
    pqxx::work lock(holder);
    lock.exec0("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
    return HttpClient(stack_->base_url()).request("GET", path, {}, admin_headers());
  }

  static TestStack* stack_;
};

TestStack* SlowReads::stack_ = nullptr;

TEST_F(SlowReads, ATaskListPastTheStatementTimeoutAnswers503WithRetryAfter) {
  const HttpResponse response = get_while_locked("tasks", "/api/v1/tasks?status=succeeded");
  ASSERT_EQ(response.status, 503) << response.body;
  EXPECT_EQ(response.header("retry-after"), "2");
  const auto body = parse_json(response.body);
  EXPECT_STREQ(body["error"]["code"].GetString(), "SERVICE_UNAVAILABLE");
  EXPECT_EQ(body["error"]["retry_after"].GetInt(), 2);
  const std::string request_id = response.header("x-request-id");
  EXPECT_TRUE(eventually(
      [&] {
        const std::string log = stack_->api().log();
        return log.find("request_id=" + request_id + " route=GET /api/v1/tasks unavailable") !=
                   std::string::npos &&
               log.find("57014") != std::string::npos;
      },
      std::chrono::seconds(5)))
      << stack_->api().log();

  // The pool's connection is fine afterwards.
  EXPECT_EQ(
      HttpClient(stack_->base_url()).request("GET", "/api/v1/tasks", {}, admin_headers()).status,
      200);
}

TEST_F(SlowReads, ATrackerSearchPastTheStatementTimeoutAnswers503InTheTrackerFormat) {
  const HttpResponse response =
      get_while_locked("tracker_events", "/api/v1alpha1/events/search?environment=production");
  ASSERT_EQ(response.status, 503) << response.body;
  EXPECT_EQ(response.header("retry-after"), "2");
  const auto body = parse_json(response.body);
  EXPECT_EQ(body["code"].GetInt(), 14);  // gRPC UNAVAILABLE, as grpc-gateway answered
}

}  // namespace
}  // namespace switchyard::testing
