// The Completer (workers/completer.hpp) on a fresh migrated database, with
// handlers the tests write: each window's tasks reach exactly one committed state,
// failures become retries, dead letters or failures with the follow-up to publish
// before the ack, a redelivered attempt that is committed never runs again, and a
// failed database task's rows go while the others' stay. Each test starts from
// empty tables.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "amqp/delay_queues.hpp"
#include "amqp/topology.hpp"
#include "completer.hpp"
#include "db/migrator.hpp"
#include "dispatcher.hpp"
#include "envelope/timestamp.hpp"
#include "executor.hpp"
#include "json/shallow_scan.hpp"
#include "runner_pool.hpp"
#include "started_marker.hpp"
#include "storage/tasks/task_repository.hpp"
#include "support/function_handler.hpp"
#include "support/test_servers.hpp"

namespace switchyard::workers {
namespace {

using namespace std::chrono_literals;
using switchyard::testing::handler;
using switchyard::testing::sample_task;

constexpr const char* kReplyTo = "amq.rabbitmq.reply-to.caller";

config::ServicesConfig services() {
  config::ServicesConfig config;
  for (const char* name : {"test", "loud"}) {
    config::ServiceConfig service;
    service.name = name;
    service.publish_events = std::string(name) == "loud";
    for (const char* action :
         {"ok", "fail", "refuse", "write", "write_fail", "lock", "follow_up", "follow_up_fail"}) {
      config::ActionConfig a;
      a.name = action;
      a.retry.jitter = 0;
      service.actions.emplace(action, a);
    }
    config.services.emplace(name, service);
  }
  return config;
}

class CompleterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(testing::fresh_database("completer_pgtest"));
    db::Migrator(*url_, testing::source_dir() + "/migrations").migrate();
    pqxx::connection db(*url_);
    pqxx::work tx(db);
    tx.exec0("CREATE TABLE handler_rows (task_id text NOT NULL)");
    tx.exec0("CREATE TABLE shared_rows (key text PRIMARY KEY, n int NOT NULL)");
    tx.commit();
  }
  static void TearDownTestSuite() { delete url_; }

  CompleterTest() {
    for (const char* service : {"test", "loud"}) {
      dispatcher_.add({service, "ok"}, handler([this](TaskContext&) {
                        ++runs_;
                        return std::string(R"({"done":true})");
                      }));
      dispatcher_.add({service, "fail"}, handler([this](TaskContext&) -> std::string {
                        ++runs_;
                        throw TaskFailure(domain::FailureKind::kRequestedFailure, "try again");
                      }));
      dispatcher_.add({service, "refuse"}, handler([this](TaskContext&) -> std::string {
                        ++runs_;
                        throw caller_error(domain::FailureKind::kValidation, "never");
                      }));
      // Asks for two follow-ups: one now, one due in 3 s (TaskContext::follow_ups).
      dispatcher_.add({service, "follow_up"}, handler([this](TaskContext& context) {
                        ++runs_;
                        context.follow_ups = follow_ups_of(context.task.id);
                        return std::string("null");
                      }));
      dispatcher_.add({service, "follow_up_fail"},
                      handler([this](TaskContext& context) -> std::string {
                        ++runs_;
                        context.follow_ups = follow_ups_of(context.task.id);
                        throw caller_error(domain::FailureKind::kValidation, "never");
                      }));
      dispatcher_.add({service, "write"}, handler(
                                              [this](TaskContext& context) {
                                                ++runs_;
                                                context.transaction->exec_params0(
                                                    "INSERT INTO handler_rows VALUES ($1)",
                                                    context.task.id);
                                                return std::string("null");
                                              },
                                              /*uses_database=*/true));
      dispatcher_.add({service, "write_fail"},
                      handler(
                          [this](TaskContext& context) -> std::string {
                            ++runs_;
                            context.transaction->exec_params0(
                                "INSERT INTO handler_rows VALUES ($1)", context.task.id);
                            throw TaskFailure(domain::FailureKind::kRequestedFailure,
                                              "wrote, then failed");
                          },
                          /*uses_database=*/true));
      // Locks the shared row its payload names, as an alert locks its group; a
      // short sleep holds the lock long enough for another window to meet it.
      dispatcher_.add({service, "lock"},
                      handler(
                          [this](TaskContext& context) {
                            ++runs_;
                            context.transaction->exec_params0(
                                "UPDATE shared_rows SET n = n + 1 WHERE key = $1",
                                std::string(context.payload["key"].GetString()));
                            context.transaction->exec("SELECT pg_sleep(0.002)");
                            return std::string("null");
                          },
                          /*uses_database=*/true,
                          [](std::string_view payload) {
                            return json::top_level_string(payload, "key").value_or("");
                          }));
    }
  }

  void SetUp() override {
    db_.emplace(*url_);
    storage::prepare_task_statements(*db_);
    pqxx::work tx(*db_);
    tx.exec0("DELETE FROM tasks");
    tx.exec0("DELETE FROM handler_rows");
    tx.commit();
  }

  // A delivery of `task`, recorded queued first as the listener does.
  WindowTask delivered(const envelope::TaskEnvelope& task, const std::string& reply_to = "") {
    WindowTask item{task, envelope::to_json(task), reply_to};
    pqxx::work tx(*db_);
    storage::record_queued(tx, "[" + item.body + "]");
    tx.commit();
    return item;
  }

  WindowResult complete(const std::vector<WindowTask>& window) {
    std::string envelopes = "[";
    for (const auto& item : window) {
      if (envelopes.size() > 1) envelopes.push_back(',');
      envelopes += item.body;
    }
    return completer_.complete(*db_, window, envelopes + "]");
  }

  std::string status_of(const std::string& id) {
    pqxx::nontransaction tx(*db_);
    return storage::find_task_status(tx, id).value_or("(none)");
  }

  std::vector<std::string> handler_rows() {
    pqxx::nontransaction tx(*db_);
    std::vector<std::string> rows;
    for (const auto& row : tx.exec("SELECT task_id FROM handler_rows ORDER BY task_id")) {
      rows.push_back(row[0].as<std::string>());
    }
    return rows;
  }

  // The follow-ups of task `parent`: ids derived from it, so each call names the same.
  static std::vector<envelope::TaskEnvelope> follow_ups_of(const std::string& parent) {
    auto now_task = sample_task("test", "ok");
    now_task.id = parent.substr(0, parent.size() - 1) + "a";
    auto later = sample_task("test", "ok");
    later.id = parent.substr(0, parent.size() - 1) + "b";
    later.run_at = envelope::format_timestamp(std::chrono::system_clock::now() + 3s);
    return {now_task, later};
  }

  static std::vector<const Announcement*> replies_to(const WindowResult& result,
                                                     const std::string& reply_to) {
    std::vector<const Announcement*> found;
    for (const auto& a : result.announcements) {
      if (a.exchange.empty() && a.routing_key == reply_to) found.push_back(&a);
    }
    return found;
  }

  static std::string* url_;
  std::optional<pqxx::connection> db_;
  std::atomic<int> runs_{0};
  config::ServicesConfig services_ = services();
  Dispatcher dispatcher_;
  Executor executor_{dispatcher_};
  StartedMarker started_{"", 1h};
  RunnerPool runners_{executor_, started_, 2, 10};
  Completer completer_{executor_, services_, started_, runners_};
};

std::string* CompleterTest::url_ = nullptr;

TEST_F(CompleterTest, RecordsASucceededTaskAndAnswersItsWaitingCaller) {
  const auto item = delivered(sample_task("test", "ok"), kReplyTo);
  const auto result = complete({item});
  EXPECT_EQ(status_of(item.task.id), "succeeded");
  EXPECT_TRUE(result.follow_ups.empty());
  const auto replies = replies_to(result, kReplyTo);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0]->correlation_id, item.task.id);
  EXPECT_NE(replies[0]->body.find("succeeded"), std::string::npos);
}

TEST_F(CompleterTest, RetriesAFailedAttemptWithAttemptsLeftThroughTheDelayQueues) {
  const auto item = delivered(sample_task("test", "fail"), kReplyTo);
  const auto result = complete({item});
  EXPECT_EQ(status_of(item.task.id), "retrying");
  ASSERT_EQ(result.follow_ups.size(), 1u);
  const auto& retry = result.follow_ups[0];
  EXPECT_EQ(retry.exchange, amqp::kDelaysExchange);
  EXPECT_EQ(retry.routing_key, "test.fail");
  EXPECT_EQ(retry.message_id, item.task.id);
  EXPECT_EQ(retry.attempt, 2);
  EXPECT_EQ(retry.delay_step, amqp::nearest_delay_step(1000ms).label);
  EXPECT_EQ(envelope::parse_task_envelope(retry.body).attempt, 2);
  EXPECT_EQ(retry.reply_to, kReplyTo) << "the last attempt answers the caller";
  EXPECT_TRUE(replies_to(result, kReplyTo).empty()) << "a retrying task does not answer yet";
}

TEST_F(CompleterTest, DeadLettersTheLastAttemptsFailureAndAnswersTheCaller) {
  auto task = sample_task("test", "fail");
  task.attempt = task.max_attempts;
  const auto item = delivered(task, kReplyTo);
  const auto result = complete({item});
  EXPECT_EQ(status_of(item.task.id), "dead");
  ASSERT_EQ(result.follow_ups.size(), 1u);
  EXPECT_EQ(result.follow_ups[0].exchange, "");
  EXPECT_EQ(result.follow_ups[0].routing_key, amqp::kDeadLettersQueue);
  EXPECT_EQ(result.follow_ups[0].message_id, item.task.id);
  EXPECT_EQ(replies_to(result, kReplyTo).size(), 1u);
}

TEST_F(CompleterTest, FailsAFailureNoRetryCanFixWithoutAFollowUp) {
  const auto item = delivered(sample_task("test", "refuse"));
  const auto result = complete({item});
  EXPECT_EQ(status_of(item.task.id), "failed");
  EXPECT_TRUE(result.follow_ups.empty());
}

TEST_F(CompleterTest, NeverRunsARedeliveredAttemptAgainAndAnswersFromTheStoredState) {
  const auto item = delivered(sample_task("test", "ok"), kReplyTo);
  complete({item});
  const auto again = complete({item});
  EXPECT_EQ(runs_, 1);
  const auto replies = replies_to(again, kReplyTo);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_NE(replies[0]->body.find("succeeded"), std::string::npos);
}

TEST_F(CompleterTest, PublishesTheRetryOfAnAttemptRecordedRetryingAgainWithoutRunningIt) {
  const auto item = delivered(sample_task("test", "fail"));
  complete({item});
  const auto again = complete({item});  // its worker died before the retry's confirm
  EXPECT_EQ(runs_, 1);
  ASSERT_EQ(again.follow_ups.size(), 1u);
  EXPECT_EQ(again.follow_ups[0].exchange, amqp::kDelaysExchange);
  EXPECT_EQ(again.follow_ups[0].attempt, 2);
}

TEST_F(CompleterTest, PublishesAHandlersFollowUpsOnceCommittedAndAgainForARedelivery) {
  const auto item = delivered(sample_task("test", "follow_up"));
  const auto result = complete({item});
  EXPECT_EQ(status_of(item.task.id), "succeeded");
  const auto expected = follow_ups_of(item.task.id);
  ASSERT_EQ(result.follow_ups.size(), 2u);
  EXPECT_EQ(result.follow_ups[0].exchange, amqp::kTasksExchange);
  EXPECT_EQ(result.follow_ups[0].routing_key, "test.ok");
  EXPECT_EQ(result.follow_ups[0].message_id, expected[0].id);
  // Due in 3 s: to the delay queues, its first hop the longest step not past it.
  EXPECT_EQ(result.follow_ups[1].exchange, amqp::kDelaysExchange);
  EXPECT_EQ(result.follow_ups[1].message_id, expected[1].id);
  EXPECT_EQ(result.follow_ups[1].delay_step, amqp::delay_hop(2900ms).label);
  EXPECT_TRUE(envelope::parse_task_envelope(result.follow_ups[1].body).run_at.has_value());

  // Its worker died before the broker confirmed them: the redelivery does not run
  // the task again but publishes the same follow-ups again.
  const auto again = complete({item});
  EXPECT_EQ(runs_, 1);
  ASSERT_EQ(again.follow_ups.size(), 2u);
  EXPECT_EQ(again.follow_ups[0].message_id, expected[0].id);
  EXPECT_EQ(again.follow_ups[1].message_id, expected[1].id);
  EXPECT_EQ(envelope::parse_task_envelope(again.follow_ups[1].body).run_at,
            envelope::parse_task_envelope(result.follow_ups[1].body).run_at)
      << "the kept envelope, not a new one";
  EXPECT_EQ(again.follow_ups[1].exchange, amqp::kDelaysExchange);
}

TEST_F(CompleterTest, AFailedTaskPublishesNoFollowUp) {
  const auto item = delivered(sample_task("test", "follow_up_fail"));
  const auto result = complete({item});
  EXPECT_EQ(status_of(item.task.id), "failed");
  EXPECT_TRUE(result.follow_ups.empty());
  EXPECT_TRUE(complete({item}).follow_ups.empty());
}

TEST_F(CompleterTest, PublishesTheDeadLetterOfAnAttemptRecordedDeadAgainWithoutRunningIt) {
  auto task = sample_task("test", "fail");
  task.attempt = task.max_attempts;
  const auto item = delivered(task);
  complete({item});
  const auto again = complete({item});
  EXPECT_EQ(runs_, 1);
  ASSERT_EQ(again.follow_ups.size(), 1u);
  EXPECT_EQ(again.follow_ups[0].routing_key, amqp::kDeadLettersQueue);
}

TEST_F(CompleterTest, NeverRunsACancelledTask) {
  const auto item = delivered(sample_task("test", "ok"));
  {
    pqxx::work tx(*db_);
    ASSERT_TRUE(storage::cancel_task(tx, item.task.id));
    tx.commit();
  }
  complete({item});
  EXPECT_EQ(runs_, 0);
  EXPECT_EQ(status_of(item.task.id), "cancelled");
}

TEST_F(CompleterTest, RunsATaskDeliveredTwiceInOneWindowOnceAndAnswersBothCallers) {
  const auto item = delivered(sample_task("test", "ok"), kReplyTo);
  WindowTask copy = item;
  copy.reply_to = "amq.rabbitmq.reply-to.other";
  const auto result = complete({item, copy});
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(replies_to(result, kReplyTo).size(), 1u);
  EXPECT_EQ(replies_to(result, copy.reply_to).size(), 1u);
}

TEST_F(CompleterTest, KeepsTheRowsOfADatabaseTaskThatSucceedsAndDropsThoseOfOneThatFails) {
  const auto writes = delivered(sample_task("test", "write"));
  const auto fails = delivered(sample_task("test", "write_fail"));
  const auto plain = delivered(sample_task("test", "ok"));
  const auto result = complete({writes, fails, plain});
  EXPECT_EQ(handler_rows(), std::vector<std::string>{writes.task.id});
  EXPECT_EQ(status_of(writes.task.id), "succeeded");
  EXPECT_EQ(status_of(fails.task.id), "retrying");
  EXPECT_EQ(status_of(plain.task.id), "succeeded");
  EXPECT_EQ(result.follow_ups.size(), 1u);
}

TEST_F(CompleterTest, NeverRunsADatabaseTaskWhoseAttemptIsCommittedAgain) {
  const auto item = delivered(sample_task("test", "write"));
  complete({item});
  complete({item});
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(handler_rows().size(), 1u);
}

TEST_F(CompleterTest, SendsLifecycleEventsOnlyForServicesThatPublishThem) {
  const auto quiet = delivered(sample_task("test", "ok"));
  const auto loud = delivered(sample_task("loud", "ok"));
  const auto result = complete({quiet, loud});
  std::vector<const Announcement*> events;
  for (const auto& a : result.announcements) {
    if (a.exchange == amqp::kEventsExchange) events.push_back(&a);
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]->correlation_id, loud.task.id);
  EXPECT_EQ(events[0]->routing_key, "task.succeeded");
  EXPECT_TRUE(events[0]->persistent);
  EXPECT_EQ(events[1]->correlation_id, loud.task.id);
  EXPECT_EQ(events[1]->routing_key, "task.completed");
}

TEST_F(CompleterTest, SendsADelayedTaskThatCameBackEarlyOnWithoutRunningIt) {
  auto task = sample_task("test", "ok");
  const auto now = std::chrono::system_clock::now();
  task.run_at = envelope::format_timestamp(now + std::chrono::seconds(30));
  const auto early = delivered(task);
  const auto result = complete({early});
  EXPECT_EQ(runs_, 0);
  EXPECT_EQ(status_of(early.task.id), "scheduled") << "a hop records nothing";
  ASSERT_EQ(result.follow_ups.size(), 1u);
  EXPECT_EQ(result.follow_ups[0].exchange, amqp::kDelaysExchange);
  EXPECT_EQ(result.follow_ups[0].delay_step, "20s");
  EXPECT_EQ(result.follow_ups[0].attempt, early.task.attempt);

  task.run_at = envelope::format_timestamp(now);
  const auto due = delivered(task);
  EXPECT_TRUE(complete({due}).follow_ups.empty());
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(status_of(due.task.id), "succeeded");
}

// Two workers' windows holding the same shared rows in opposite orders: run in
// lock-key order, they queue behind each other instead of deadlocking (a
// deadlock fails one task of a window, which then retries).
TEST_F(CompleterTest, WindowsTakeSharedRowsInOneOrderAndNeverDeadlock) {
  constexpr int kKeys = 12;
  constexpr int kRounds = 4;
  {
    pqxx::work tx(*db_);
    tx.exec0("TRUNCATE shared_rows");
    tx.exec_params0(
        "INSERT INTO shared_rows SELECT 'k' || lpad(i::text, 2, '0'), 0 "
        "FROM generate_series(1, $1) i",
        kKeys);
    tx.commit();
  }
  StartedMarker other_started{"", 1h};
  RunnerPool other_runners{executor_, other_started, 2, 10};
  Completer other{executor_, services_, other_started, other_runners};
  pqxx::connection other_db(*url_);
  storage::prepare_task_statements(other_db);

  std::vector<std::string> ids;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<WindowTask> up;
    std::vector<WindowTask> down;
    for (int i = 1; i <= kKeys; ++i) {
      const auto key = [](int n) { return fmt::format(R"({{"key":"k{:02}"}})", n); };
      up.push_back(delivered(sample_task("test", "lock", key(i))));
      down.push_back(delivered(sample_task("test", "lock", key(kKeys + 1 - i))));
    }
    std::atomic<int> ready{0};
    auto envelopes = [](const std::vector<WindowTask>& window) {
      std::string text = "[";
      for (const auto& item : window) text += (text.size() > 1 ? "," : "") + item.body;
      return text + "]";
    };
    std::thread second([&] {
      ready.fetch_add(1);
      while (ready.load() < 2) {
      }
      other.complete(other_db, down, envelopes(down));
    });
    ready.fetch_add(1);
    while (ready.load() < 2) {
    }
    complete(up);
    second.join();
    for (const auto& item : up) EXPECT_EQ(status_of(item.task.id), "succeeded");
    for (const auto& item : down) EXPECT_EQ(status_of(item.task.id), "succeeded");
  }
  pqxx::nontransaction tx(*db_);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM shared_rows WHERE n = " + std::to_string(2 * kRounds))[0]
                .as<int>(),
            kKeys);
}

TEST_F(CompleterTest, ThrowsWithNothingCommittedWhenTheDatabaseIsGone) {
  const auto item = delivered(sample_task("test", "ok"));
  {
    pqxx::connection admin(*url_);
    pqxx::nontransaction tx(admin);
    tx.exec_params("SELECT pg_terminate_backend($1)", db_->backendpid());
  }
  EXPECT_THROW(complete({item}), pqxx::broken_connection);
  db_.emplace(*url_);
  storage::prepare_task_statements(*db_);
  EXPECT_EQ(status_of(item.task.id), "queued") << "the caller must not ack: nothing committed";
}

}  // namespace
}  // namespace switchyard::workers
