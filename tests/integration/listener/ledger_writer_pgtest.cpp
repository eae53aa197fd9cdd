// write_window (listener/ledger_writer.hpp) on a fresh migrated database: a
// window's queued records, lifecycle events and cancellations commit together,
// or nothing of the window does. Each test starts from an empty tasks table.
#include <gtest/gtest.h>

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "amqp/topology.hpp"
#include "db/migrator.hpp"
#include "envelope/task_id.hpp"
#include "envelope/task_outcome.hpp"
#include "envelope/timestamp.hpp"
#include "ledger_writer.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/workflows/workflow_repository.hpp"
#include "support/function_handler.hpp"
#include "support/test_servers.hpp"

namespace switchyard::listener {
namespace {

using switchyard::testing::sample_task;

amqp::Delivery ledger(const envelope::TaskEnvelope& task) {
  amqp::Delivery delivery;
  delivery.routing_key = amqp::kLedgerQueue;
  delivery.body = "[" + envelope::to_json(task) + "]";
  return delivery;
}

amqp::Delivery succeeded(const envelope::TaskEnvelope& task) {
  envelope::TaskOutcome outcome;
  outcome.task = task;
  outcome.status = domain::TaskStatus::kSucceeded;
  outcome.result_json = "{}";
  outcome.started_at = envelope::now_timestamp();
  outcome.finished_at = envelope::now_timestamp();
  amqp::Delivery delivery;
  delivery.routing_key = "task.succeeded";
  delivery.body = envelope::to_reply_json(outcome);
  return delivery;
}

amqp::Delivery cancel(const std::string& id) {
  amqp::Delivery delivery;
  delivery.routing_key = "cancel";
  delivery.body = R"({"cancel":")" + id + R"("})";
  return delivery;
}

class LedgerWriterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(testing::fresh_database("ledger_writer_pgtest"));
    db::Migrator(*url_, testing::source_dir() + "/migrations").migrate();
  }
  static void TearDownTestSuite() { delete url_; }

  void SetUp() override {
    db_.emplace(*url_);
    storage::prepare_task_statements(*db_);
    pqxx::work tx(*db_);
    tx.exec0("DELETE FROM tasks");
    tx.commit();
  }

  LedgerWindow window_of(std::initializer_list<amqp::Delivery> deliveries) {
    LedgerWindow window;
    for (const auto& delivery : deliveries) {
      EXPECT_EQ(add_to_window(window, delivery), Sorted::kAdded) << delivery.body;
    }
    return window;
  }

  std::string status_of(const std::string& id) {
    pqxx::nontransaction tx(*db_);
    return storage::find_task_status(tx, id).value_or("(none)");
  }

  static std::string* url_;
  std::optional<pqxx::connection> db_;
};

std::string* LedgerWriterTest::url_ = nullptr;

TEST_F(LedgerWriterTest, WritesQueuedRecordsEventsAndCancellationsOfOneWindow) {
  const auto queued = sample_task();
  const auto done = sample_task();
  const auto cancelled = sample_task();
  auto window = window_of(
      {ledger(queued), ledger(done), succeeded(done), ledger(cancelled), cancel(cancelled.id)});
  write_window(*db_, window);
  EXPECT_EQ(status_of(queued.id), "queued");
  EXPECT_EQ(status_of(done.id), "succeeded");
  EXPECT_EQ(status_of(cancelled.id), "cancelled");
}

TEST_F(LedgerWriterTest, OnlyMovesATaskForwardWhateverOrderItsMessagesArriveIn) {
  const auto task = sample_task();
  auto first = window_of({succeeded(task)});
  write_window(*db_, first);
  auto late = window_of({ledger(task), cancel(task.id)});
  write_window(*db_, late);
  EXPECT_EQ(status_of(task.id), "succeeded");
}

TEST_F(LedgerWriterTest, WritesNothingOfAWindowWhenOneOfItsWritesFails) {
  const auto task = sample_task();
  auto window = window_of({ledger(task)});
  window.cancellations.push_back("not-a-uuid");  // past add_to_window's checks
  EXPECT_THROW(write_window(*db_, window), pqxx::sql_error);
  EXPECT_EQ(status_of(task.id), "(none)");
}

// A step served by a worker that reports by lifecycle events: its event readies
// the next step; the same event redelivered (the listener died before the
// broker confirmed that step) publishes it again, a first delivery of a copy
// does not.
TEST_F(LedgerWriterTest, AStepsEventPublishesTheNextStepAndItsRedeliveryPublishesItAgain) {
  const std::string workflow = envelope::new_task_id();
  const std::string first = envelope::workflow_step_task_id(workflow, "a");
  const std::string second = envelope::workflow_step_task_id(workflow, "b");
  const std::string definition =
      R"({"workflow_id":")" + workflow + R"(","steps":[{"id":"a","task_id":")" + first +
      R"(","service":"system","action":"noop","max_attempts":1,"timeout_ms":1000},)"
      R"({"id":"b","task_id":")" +
      second +
      R"(","service":"system","action":"noop","max_attempts":1,"timeout_ms":1000,"depends_on":["a"]}]})";
  {
    pqxx::work tx(*db_);
    storage::workflows::create_workflow(tx, definition, "tester", std::nullopt, "");
    tx.exec_params0(
        "INSERT INTO tasks (id, service, action, status, payload) "
        "VALUES ($1, 'workflows', 'start', 'succeeded', $2::jsonb)",
        workflow, definition);
    storage::workflows::advance_workflows(tx, {workflow}, {""});
    tx.commit();
  }
  envelope::TaskEnvelope step = sample_task("system", "noop");
  step.id = first;
  auto event = succeeded(step);
  auto window = window_of({event});
  const auto sends = write_window(*db_, window);
  ASSERT_EQ(sends.steps.size(), 1u);
  EXPECT_EQ(sends.steps[0].message_id, second);

  auto copy = window_of({event});
  EXPECT_TRUE(write_window(*db_, copy).steps.empty());
  event.redelivered = true;
  auto redelivered = window_of({event});
  const auto again = write_window(*db_, redelivered);
  ASSERT_EQ(again.steps.size(), 1u);
  EXPECT_EQ(again.steps[0].message_id, second);
}

TEST_F(LedgerWriterTest, WritesAnEmptyWindowWithoutComplaint) {
  LedgerWindow window;
  EXPECT_NO_THROW(write_window(*db_, window));
}

}  // namespace
}  // namespace switchyard::listener
