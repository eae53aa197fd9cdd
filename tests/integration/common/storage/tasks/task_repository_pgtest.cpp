// The tasks ledger's SQL (common/storage/tasks/task_repository.hpp) on a fresh
// database migrated with the repository's migrations: writes only move a task
// forward, whatever order its messages arrive in.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "db/migrator.hpp"
#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "envelope/task_outcome.hpp"
#include "envelope/timestamp.hpp"
#include "item_ids.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/tasks/task_throughput.hpp"
#include "support/test_servers.hpp"

namespace switchyard::storage {
namespace {

using domain::TaskStatus;
using envelope::TaskEnvelope;
using envelope::TaskOutcome;

std::uint64_t unix_ms_of(const std::string& id) {
  return std::stoull(id.substr(0, 8) + id.substr(9, 4), nullptr, 16);
}

std::uint64_t now_ms() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

TaskEnvelope make_task(const std::string& service = "system", const std::string& action = "noop",
                       int attempt = 1) {
  TaskEnvelope task;
  task.id = envelope::new_task_id();
  task.service = service;
  task.action = action;
  task.payload_json = R"({"n":1})";
  task.submitted_at = envelope::now_timestamp();
  task.submitted_by = "tester";
  task.attempt = attempt;
  task.max_attempts = 3;
  return task;
}

// A task whose id is from a later millisecond than every id made before it, so that
// "newest first" has one right answer.
TaskEnvelope make_later_task(const std::string& service, const std::string& action) {
  static std::uint64_t last_ms = 0;
  EXPECT_TRUE(testing::eventually([] { return now_ms() > last_ms; }, std::chrono::seconds(1)));
  TaskEnvelope task = make_task(service, action);
  last_ms = unix_ms_of(task.id);
  return task;
}

std::string envelopes_json(const std::vector<TaskEnvelope>& tasks) {
  std::string out = "[";
  for (const auto& task : tasks) {
    if (out.size() > 1) out.push_back(',');
    out += envelope::to_json(task);
  }
  return out + "]";
}

TaskOutcome outcome_of(TaskEnvelope task, TaskStatus status, std::string result = {},
                       std::string error = {}) {
  TaskOutcome outcome;
  outcome.task = std::move(task);
  outcome.status = status;
  outcome.result_json = std::move(result);
  outcome.error_json = std::move(error);
  outcome.started_at = envelope::now_timestamp();
  outcome.finished_at = envelope::now_timestamp();
  return outcome;
}

std::string outcomes_json(const std::vector<TaskOutcome>& outcomes) {
  std::string out = "[";
  for (const auto& outcome : outcomes) envelope::append_outcome_record(out, outcome);
  return out + "]";
}

std::set<std::string> as_set(const std::vector<std::string>& ids) {
  return {ids.begin(), ids.end()};
}

class TaskRepositoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = testing::fresh_database("task_repository_pgtest");
    db::Migrator(url_, testing::source_dir() + "/migrations").migrate();
  }

  void SetUp() override {
    connection_.emplace(url_);
    prepare_task_statements(*connection_);
    pqxx::work tx(*connection_);
    tx.exec0("DELETE FROM tasks");
    tx.commit();
  }

  pqxx::connection& db() { return *connection_; }

  void queued(const std::vector<TaskEnvelope>& tasks) {
    pqxx::work tx(db());
    record_queued(tx, envelopes_json(tasks));
    tx.commit();
  }

  // What a worker does before running a window: leave out the superseded tasks,
  // mark the others running. Returns the ids that may run.
  std::vector<std::string> claim(const std::vector<TaskEnvelope>& tasks) {
    pqxx::work tx(db());
    std::set<std::string> superseded;
    for (const auto& task : find_superseded(tx, envelopes_json(tasks))) superseded.insert(task.id);
    mark_running(tx, envelopes_json(tasks));
    tx.commit();
    std::vector<std::string> ids;
    for (const auto& task : tasks) {
      if (!superseded.count(task.id)) ids.push_back(task.id);
    }
    return ids;
  }

  std::vector<std::string> outcomes(const std::vector<TaskOutcome>& list) {
    pqxx::work tx(db());
    auto ids = record_outcomes(tx, outcomes_json(list));
    tx.commit();
    return ids;
  }

  bool cancel(const std::string& id) {
    pqxx::work tx(db());
    const bool cancelled = cancel_task(tx, id);
    tx.commit();
    return cancelled;
  }

  std::optional<std::string> status_of(const std::string& id) {
    pqxx::read_transaction tx(db());
    return find_task_status(tx, id);
  }

  int attempts_of(const std::string& id) {
    pqxx::read_transaction tx(db());
    return tx.exec_params1("SELECT attempts FROM tasks WHERE id = $1", id)[0].as<int>();
  }

  rapidjson::Document task_json(const std::string& id) {
    pqxx::read_transaction tx(db());
    const auto text = find_task_json(tx, id);
    rapidjson::Document doc;
    if (!text) {
      ADD_FAILURE() << "no task " << id;
      doc.SetNull();
      return doc;
    }
    doc.Parse(text->c_str());
    EXPECT_FALSE(doc.HasParseError()) << *text;
    return doc;
  }

  // count_tasks() as service → status → count.
  std::map<std::pair<std::string, std::string>, std::int64_t> counts() {
    pqxx::read_transaction tx(db());
    std::map<std::pair<std::string, std::string>, std::int64_t> out;
    for (const auto& c : count_tasks(tx)) out[{c.service, c.status}] = c.count;
    return out;
  }

  // The same, counted from the tasks table itself.
  std::map<std::pair<std::string, std::string>, std::int64_t> true_counts() {
    pqxx::read_transaction tx(db());
    std::map<std::pair<std::string, std::string>, std::int64_t> out;
    for (const auto& row :
         tx.exec("SELECT service, status, count(*) FROM tasks GROUP BY service, status")) {
      out[{row[0].as<std::string>(), row[1].as<std::string>()}] = row[2].as<std::int64_t>();
    }
    return out;
  }

  // GET /api/v1/tasks/throughput's body.
  rapidjson::Document throughput(int minutes, std::optional<std::string> service = std::nullopt) {
    pqxx::read_transaction tx(db());
    rapidjson::Document doc;
    doc.Parse(task_throughput_json(tx, minutes, service).c_str());
    EXPECT_TRUE(doc.IsObject());
    return doc;
  }

  void clear_throughput() {
    pqxx::work tx(db());
    tx.exec0("DELETE FROM task_minutes");
    tx.commit();
  }

  TaskPage list(TaskListFilter filter) {
    pqxx::read_transaction tx(db());
    return list_tasks(tx, filter).value();
  }

  inline static std::string url_;
  std::optional<pqxx::connection> connection_;
};

TEST_F(TaskRepositoryTest, RecordsQueuedTasksFromABatchOfEnvelopes) {
  const std::vector<TaskEnvelope> tasks = {make_task(), make_task(),
                                           make_task("billing", "charge")};
  queued(tasks);
  for (const auto& task : tasks) {
    EXPECT_EQ(status_of(task.id), "queued") << task.id;
    EXPECT_EQ(attempts_of(task.id), 0);
  }
  const auto doc = task_json(tasks[2].id);
  EXPECT_STREQ(doc["service"].GetString(), "billing");
  EXPECT_STREQ(doc["action"].GetString(), "charge");
  EXPECT_EQ(doc["payload"]["n"].GetInt(), 1);
  EXPECT_EQ(doc["max_attempts"].GetInt(), 3);
  EXPECT_STREQ(doc["submitted_by"].GetString(), "tester");
}

TEST_F(TaskRepositoryTest, IgnoresAQueuedBatchItHasAlreadyRecorded) {
  const std::vector<TaskEnvelope> tasks = {make_task(), make_task()};
  queued(tasks);
  queued(tasks);
  EXPECT_EQ((true_counts()[{"system", "queued"}]), 2);
}

TEST_F(TaskRepositoryTest, ClaimsTasksAndReturnsTheIdsItMarkedRunning) {
  const TaskEnvelope known = make_task();
  const TaskEnvelope also_known = make_task();
  const TaskEnvelope not_yet_recorded = make_task();
  queued({known, also_known});

  const auto claimed = claim({known, also_known, not_yet_recorded});
  EXPECT_EQ(as_set(claimed), (std::set<std::string>{known.id, also_known.id, not_yet_recorded.id}));
  for (const auto& id : claimed) {
    EXPECT_EQ(status_of(id), "running");
    EXPECT_EQ(attempts_of(id), 1);
  }
  EXPECT_FALSE(task_json(known.id)["started_at"].IsNull());
}

TEST_F(TaskRepositoryTest, WritesFinalStatesWithResultAndError) {
  const TaskEnvelope good = make_task();
  const TaskEnvelope bad = make_task();
  queued({good, bad});
  claim({good, bad});

  const auto written =
      outcomes({outcome_of(good, TaskStatus::kSucceeded, R"({"answer":42})"),
                outcome_of(bad, TaskStatus::kDead, {}, envelope::error_json("Boom", "it broke"))});
  EXPECT_EQ(as_set(written), (std::set<std::string>{good.id, bad.id}));

  const auto good_json = task_json(good.id);
  EXPECT_STREQ(good_json["status"].GetString(), "succeeded");
  EXPECT_EQ(good_json["result"]["answer"].GetInt(), 42);
  EXPECT_TRUE(good_json["error"].IsNull());
  EXPECT_FALSE(good_json["finished_at"].IsNull());

  const auto bad_json = task_json(bad.id);
  EXPECT_STREQ(bad_json["status"].GetString(), "dead");
  EXPECT_TRUE(bad_json["result"].IsNull());
  EXPECT_STREQ(bad_json["error"]["type"].GetString(), "Boom");
}

TEST_F(TaskRepositoryTest, KeepsTheFinalStateWhenTheQueuedBatchArrivesAfterIt) {
  const TaskEnvelope task = make_task();
  EXPECT_EQ(outcomes({outcome_of(task, TaskStatus::kSucceeded, R"("done")")}).size(), 1u);
  queued({task});
  EXPECT_EQ(status_of(task.id), "succeeded");
  EXPECT_STREQ(task_json(task.id)["result"].GetString(), "done");
}

TEST_F(TaskRepositoryTest, DoesNotClaimATaskThatAlreadySucceeded) {
  const TaskEnvelope task = make_task();
  queued({task});
  ASSERT_EQ(claim({task}).size(), 1u);
  outcomes({outcome_of(task, TaskStatus::kSucceeded, "1")});

  EXPECT_TRUE(claim({task}).empty());  // a redelivery after the commit
  EXPECT_EQ(status_of(task.id), "succeeded");
  TaskEnvelope next_attempt = task;
  next_attempt.attempt = 2;
  EXPECT_TRUE(claim({next_attempt}).empty());
  EXPECT_EQ(status_of(task.id), "succeeded");
}

TEST_F(TaskRepositoryTest, DoesNotClaimARedeliveryOfAnEarlierAttempt) {
  TaskEnvelope task = make_task();
  task.attempt = 2;
  ASSERT_EQ(claim({task}).size(), 1u);
  TaskEnvelope stale = task;
  stale.attempt = 1;
  EXPECT_TRUE(claim({stale}).empty());
  EXPECT_EQ(attempts_of(task.id), 2);
}

TEST_F(TaskRepositoryTest, IgnoresAStaleOutcomeOfAnEarlierAttempt) {
  TaskEnvelope second = make_task();
  second.attempt = 2;
  claim({second});
  TaskEnvelope first = second;
  first.attempt = 1;

  EXPECT_TRUE(outcomes({outcome_of(first, TaskStatus::kRetrying, {},
                                   envelope::error_json("Timeout", "late"))})
                  .empty());
  EXPECT_EQ(status_of(second.id), "running");
  EXPECT_EQ(attempts_of(second.id), 2);
  EXPECT_TRUE(task_json(second.id)["error"].IsNull());
}

TEST_F(TaskRepositoryTest, NeverReplacesOneFinalStateWithAnother) {
  const TaskEnvelope task = make_task();
  outcomes({outcome_of(task, TaskStatus::kSucceeded, R"({"v":1})")});
  EXPECT_TRUE(outcomes({outcome_of(task, TaskStatus::kFailed, {},
                                   envelope::error_json("E", "duplicate delivery"))})
                  .empty());
  EXPECT_EQ(status_of(task.id), "succeeded");
  EXPECT_EQ(task_json(task.id)["result"]["v"].GetInt(), 1);
}

TEST_F(TaskRepositoryTest, MovesARetryingTaskToItsNextAttempt) {
  const TaskEnvelope task = make_task();
  claim({task});
  EXPECT_EQ(outcomes({outcome_of(task, TaskStatus::kRetrying)}).size(), 1u);
  EXPECT_EQ(status_of(task.id), "retrying");
  TaskEnvelope retry = task;
  retry.attempt = 2;
  EXPECT_EQ(claim({retry}).size(), 1u);
  EXPECT_EQ(status_of(task.id), "running");
  EXPECT_EQ(attempts_of(task.id), 2);
}

TEST_F(TaskRepositoryTest, CancelsOnlyQueuedOrRetryingTasks) {
  const TaskEnvelope queued_task = make_task();
  const TaskEnvelope retrying_task = make_task();
  const TaskEnvelope running_task = make_task();
  const TaskEnvelope done_task = make_task();
  queued({queued_task});
  claim({retrying_task, running_task});
  outcomes({outcome_of(retrying_task, TaskStatus::kRetrying)});
  outcomes({outcome_of(done_task, TaskStatus::kSucceeded)});

  EXPECT_TRUE(cancel(queued_task.id));
  EXPECT_EQ(status_of(queued_task.id), "cancelled");
  EXPECT_FALSE(task_json(queued_task.id)["finished_at"].IsNull());
  EXPECT_TRUE(cancel(retrying_task.id));
  EXPECT_EQ(status_of(retrying_task.id), "cancelled");

  EXPECT_FALSE(cancel(running_task.id));
  EXPECT_EQ(status_of(running_task.id), "running");
  EXPECT_FALSE(cancel(done_task.id));
  EXPECT_EQ(status_of(done_task.id), "succeeded");
  EXPECT_FALSE(cancel(queued_task.id));  // already cancelled
  EXPECT_FALSE(cancel(envelope::new_task_id()));

  EXPECT_TRUE(claim({queued_task}).empty());  // a cancelled task never runs
}

TEST_F(TaskRepositoryTest, RecordsTheOutcomeOfATaskThatRanDespiteALateCancellation) {
  const TaskEnvelope task = make_task();
  queued({task});
  ASSERT_EQ(claim({task}).size(), 1u);  // read as queued: the worker runs it
  EXPECT_FALSE(cancel(task.id));        // marked running: the listener leaves it
  // The race: the cancellation lands after the worker's read, before its running
  // mark. It must not hide the outcome of a task that did run.
  pqxx::work tx(db());
  tx.exec_params0("UPDATE tasks SET status = 'cancelled' WHERE id = $1", task.id);
  tx.commit();
  EXPECT_EQ(outcomes({outcome_of(task, TaskStatus::kSucceeded, R"("ran")")}).size(), 1u);
  EXPECT_EQ(status_of(task.id), "succeeded");
  EXPECT_TRUE(claim({task}).empty());
}

TEST_F(TaskRepositoryTest, AcceptsTwoOutcomesOfOneTaskInOneBatchKeepingTheFurthest) {
  const TaskEnvelope task = make_task();
  queued({task});
  const auto written = outcomes({outcome_of(task, TaskStatus::kRetrying),
                                 outcome_of(task, TaskStatus::kSucceeded, R"("last")")});
  EXPECT_EQ(written.size(), 1u);
  EXPECT_EQ(status_of(task.id), "succeeded");
}

TEST_F(TaskRepositoryTest, LocksAndReadsWhereEachTaskStandsLeavingOutTheUnrecorded) {
  const TaskEnvelope first = make_task();
  TaskEnvelope second = make_task();
  second.attempt = 2;
  queued({first, second});
  claim({second});
  pqxx::work tx(db());
  const auto stored = lock_tasks(tx, {second.id, envelope::new_task_id(), first.id});
  ASSERT_EQ(stored.size(), 2u);
  const auto find = [&](const std::string& id) {
    return *std::find_if(stored.begin(), stored.end(), [&](const auto& s) { return s.id == id; });
  };
  EXPECT_EQ(find(first.id).status, TaskStatus::kQueued);
  EXPECT_EQ(find(first.id).attempts, 0);
  EXPECT_EQ(find(second.id).status, TaskStatus::kRunning);
  EXPECT_EQ(find(second.id).attempts, 2);
  EXPECT_TRUE(lock_tasks(tx, {envelope::new_task_id()}).empty());
}

TEST_F(TaskRepositoryTest, TakesTheNextAttemptOfADeadTaskButNoStaleCopy) {
  TaskEnvelope task = make_task();
  task.attempt = 2;
  outcomes({outcome_of(task, TaskStatus::kDead, {}, envelope::error_json("E", "out of attempts"))});
  EXPECT_TRUE(claim({task}).empty());  // a copy of the last attempt: superseded
  TaskEnvelope replay = task;
  replay.attempt = 3;  // a replayed dead letter
  ASSERT_EQ(claim({replay}).size(), 1u);
  EXPECT_EQ(status_of(task.id), "running");
  EXPECT_EQ(outcomes({outcome_of(replay, TaskStatus::kSucceeded, "1")}).size(), 1u);
  EXPECT_EQ(status_of(task.id), "succeeded");
}

TEST_F(TaskRepositoryTest, KeepsCountsInStepWithInsertsUpdatesAndDeletes) {
  std::vector<TaskEnvelope> system_tasks = {make_task(), make_task(), make_task(), make_task()};
  std::vector<TaskEnvelope> billing_tasks = {make_task("billing", "charge"),
                                             make_task("billing", "refund")};
  queued(system_tasks);
  queued(billing_tasks);
  EXPECT_EQ(counts(), true_counts());
  EXPECT_EQ((counts()[{"system", "queued"}]), 4);
  EXPECT_EQ((counts()[{"billing", "queued"}]), 2);

  // claim: an upsert that updates known rows and inserts an unknown one
  const TaskEnvelope unrecorded = make_task();
  claim({system_tasks[0], system_tasks[1], unrecorded});
  EXPECT_EQ(counts(), true_counts());
  EXPECT_EQ((counts()[{"system", "running"}]), 3);
  EXPECT_EQ((counts()[{"system", "queued"}]), 2);

  outcomes({outcome_of(system_tasks[0], TaskStatus::kSucceeded),
            outcome_of(system_tasks[1], TaskStatus::kRetrying)});
  cancel(system_tasks[2].id);
  EXPECT_EQ(counts(), true_counts());

  {  // a second connection writes its own shard of the counts
    pqxx::connection other(url_);
    prepare_task_statements(other);
    pqxx::work tx(other);
    record_queued(tx, envelopes_json({make_task("billing", "charge")}));
    tx.commit();
  }
  EXPECT_EQ(counts(), true_counts());
  EXPECT_EQ((counts()[{"billing", "queued"}]), 3);

  {
    pqxx::work tx(db());
    tx.exec0("DELETE FROM tasks WHERE service = 'billing'");
    tx.commit();
  }
  EXPECT_EQ(counts(), true_counts());
  EXPECT_EQ(counts().count({"billing", "queued"}), 0u);
}

TEST_F(TaskRepositoryTest, PurgesOnlyTasksFinishedLongerAgoThanTheRetention) {
  const TaskEnvelope old_done = make_task(), old_failed = make_task(), old_cancelled = make_task();
  const TaskEnvelope old_dead = make_task(), old_running = make_task();
  const TaskEnvelope recently_finished = make_task(), recent_done = make_task();
  queued(
      {old_done, old_failed, old_cancelled, old_dead, old_running, recently_finished, recent_done});
  outcomes({outcome_of(old_done, TaskStatus::kSucceeded),
            outcome_of(old_failed, TaskStatus::kFailed),
            outcome_of(recently_finished, TaskStatus::kSucceeded),
            outcome_of(recent_done, TaskStatus::kSucceeded)});
  cancel(old_cancelled.id);
  claim({old_running});
  {
    pqxx::work tx(db());
    tx.exec0("UPDATE tasks SET status = 'dead', finished_at = now() WHERE id = '" + old_dead.id +
             "'");
    // Submitted three days ago; all but one also finished then.
    tx.exec0(
        "UPDATE tasks SET submitted_at = now() - interval '3 days', finished_at = "
        "CASE WHEN finished_at IS NULL THEN NULL ELSE now() - interval '3 days' END "
        "WHERE id <> '" +
        recent_done.id + "'");
    tx.exec0("UPDATE tasks SET finished_at = now() - interval '1 hour' WHERE id = '" +
             recently_finished.id + "'");
    tx.commit();
  }
  std::int64_t deleted = 0;
  {
    pqxx::work tx(db());
    deleted = purge_finished_tasks(tx, 24, 2);  // a batch of 2, then the rest
    deleted += purge_finished_tasks(tx, 24, 100);
    tx.commit();
  }
  EXPECT_EQ(deleted, 3);
  for (const auto* gone : {&old_done, &old_failed, &old_cancelled}) {
    pqxx::read_transaction tx(db());
    EXPECT_FALSE(find_task_status(tx, gone->id)) << gone->id;
  }
  for (const auto* kept : {&old_dead, &old_running, &recently_finished, &recent_done}) {
    pqxx::read_transaction tx(db());
    EXPECT_TRUE(find_task_status(tx, kept->id)) << kept->id;
  }
  EXPECT_EQ(counts(), true_counts());
}

TEST_F(TaskRepositoryTest, ListsNewestFirstInDisjointCompletePages) {
  std::vector<std::string> made;  // oldest first
  for (int i = 0; i < 7; ++i) {
    const TaskEnvelope task = make_later_task(i % 2 == 0 ? "system" : "billing", "noop");
    queued({task});
    made.push_back(task.id);
  }
  const std::vector<std::string> newest_first(made.rbegin(), made.rend());

  std::vector<std::string> seen;
  TaskListFilter filter;
  filter.limit = 3;
  int pages = 0;
  for (;;) {
    const TaskPage page = list(filter);
    ++pages;
    ASSERT_LE(page.items_json.size(), 3u);
    for (const auto& id : testing::ids_of(page.items_json)) seen.push_back(id);
    if (!page.next_cursor) break;
    filter.cursor = page.next_cursor;
    ASSERT_LT(pages, 10) << "paging does not end";
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, newest_first);
}

TEST_F(TaskRepositoryTest, EndsPagingOnAFullLastPage) {
  for (int i = 0; i < 4; ++i) queued({make_later_task("system", "noop")});
  TaskListFilter filter;
  filter.limit = 2;
  const TaskPage first = list(filter);
  ASSERT_TRUE(first.next_cursor.has_value());
  filter.cursor = first.next_cursor;
  const TaskPage second = list(filter);
  EXPECT_EQ(second.items_json.size(), 2u);
  EXPECT_FALSE(second.next_cursor.has_value());
  std::set<std::string> all = as_set(testing::ids_of(first.items_json));
  for (const auto& id : testing::ids_of(second.items_json))
    EXPECT_TRUE(all.insert(id).second) << id;
}

TEST_F(TaskRepositoryTest, FiltersListingsByServiceActionStatusAndSince) {
  TaskEnvelope old_task = make_later_task("system", "noop");
  old_task.submitted_at = "2024-01-01T00:00:00.000Z";
  const TaskEnvelope sleeper = make_later_task("system", "sleep");
  const TaskEnvelope charge = make_later_task("billing", "charge");
  const TaskEnvelope noop = make_later_task("system", "noop");
  queued({old_task, sleeper, charge, noop});
  claim({charge});

  auto ids = [&](TaskListFilter filter) { return testing::ids_of(list(filter).items_json); };
  TaskListFilter by_service;
  by_service.service = "system";
  EXPECT_EQ(ids(by_service), (std::vector<std::string>{noop.id, sleeper.id, old_task.id}));

  TaskListFilter by_action;
  by_action.service = "system";
  by_action.action = "noop";
  EXPECT_EQ(ids(by_action), (std::vector<std::string>{noop.id, old_task.id}));

  TaskListFilter by_status;
  by_status.status = "running";
  EXPECT_EQ(ids(by_status), (std::vector<std::string>{charge.id}));

  TaskListFilter since;
  since.since = "2024-06-01T00:00:00Z";
  EXPECT_EQ(ids(since), (std::vector<std::string>{noop.id, charge.id, sleeper.id}));

  TaskListFilter nothing;
  nothing.service = "no-such-service";
  const TaskPage empty = list(nothing);
  EXPECT_TRUE(empty.items_json.empty());
  EXPECT_FALSE(empty.next_cursor.has_value());
}

TEST_F(TaskRepositoryTest, ShowsATaskWithItsDocumentedFields) {
  const TaskEnvelope task = make_task();
  queued({task});
  const auto doc = task_json(task.id);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(std::string(doc["id"].GetString()), task.id);
  EXPECT_STREQ(doc["status"].GetString(), "queued");
  EXPECT_EQ(doc["attempts"].GetInt(), 0);
  ASSERT_TRUE(doc["payload"].IsObject());
  EXPECT_EQ(doc["payload"]["n"].GetInt(), 1);
  ASSERT_TRUE(doc.HasMember("result"));
  EXPECT_TRUE(doc["result"].IsNull());
  ASSERT_TRUE(doc.HasMember("error"));
  ASSERT_TRUE(doc["links"].IsObject());
  EXPECT_EQ(std::string(doc["links"]["self"].GetString()), "/api/v1/tasks/" + task.id);
  EXPECT_EQ(std::string(doc["links"]["cancel"].GetString()),
            "/api/v1/tasks/" + task.id + "/cancel");
  EXPECT_EQ(std::string(doc["submitted_at"].GetString()), task.submitted_at);

  pqxx::read_transaction tx(db());
  EXPECT_EQ(find_task_json(tx, envelope::new_task_id()), std::nullopt);
  EXPECT_EQ(find_task_status(tx, envelope::new_task_id()), std::nullopt);
}

TEST_F(TaskRepositoryTest, CountsEveryEndOnceInTheThroughputOfItsMinute) {
  clear_throughput();
  const TaskEnvelope done = make_task(), flaky = make_task(), broken = make_task();
  const TaskEnvelope waiting = make_task(), elsewhere = make_task("billing", "charge");
  queued({done, flaky, broken, waiting});
  claim({done, flaky, broken});
  outcomes({outcome_of(done, TaskStatus::kSucceeded),
            outcome_of(flaky, TaskStatus::kRetrying, {}, envelope::error_json("E", "once")),
            outcome_of(broken, TaskStatus::kFailed, {}, envelope::error_json("E", "bad"))});
  TaskEnvelope flaky_again = flaky;
  flaky_again.attempt = 2;
  claim({flaky_again});
  outcomes({outcome_of(flaky_again, TaskStatus::kDead, {}, envelope::error_json("E", "twice"))});
  cancel(waiting.id);
  outcomes({outcome_of(elsewhere, TaskStatus::kSucceeded)});  // an insert that is an end
  // Writes that are no new end: a duplicate outcome, a later update of a finished row.
  EXPECT_TRUE(outcomes({outcome_of(done, TaskStatus::kSucceeded)}).empty());
  {
    pqxx::work tx(db());
    tx.exec_params0("UPDATE tasks SET updated_at = now() WHERE id = $1", done.id);
    tx.commit();
  }
  {  // another writer counts in its own shard
    pqxx::connection other(url_);
    prepare_task_statements(other);
    pqxx::work tx(other);
    record_outcomes(tx, outcomes_json({outcome_of(make_task(), TaskStatus::kSucceeded)}));
    tx.commit();
  }

  const auto all = throughput(60);
  EXPECT_EQ(all["minutes"].GetInt(), 60);
  const auto& totals = all["totals"];
  EXPECT_EQ(totals["succeeded"].GetInt64(), 3);
  EXPECT_EQ(totals["failed"].GetInt64(), 1);
  EXPECT_EQ(totals["dead"].GetInt64(), 1);
  EXPECT_EQ(totals["cancelled"].GetInt64(), 1);
  EXPECT_EQ(totals["retrying"].GetInt64(), 1);
  EXPECT_DOUBLE_EQ(all["failure_rate"].GetDouble(), 0.4);  // (failed + dead) / ran to an end
  EXPECT_GT(all["tasks_per_second"].GetDouble(), 0.0);
  // Every minute of the window, and together they make the totals.
  ASSERT_EQ(all["series"].Size(), 60u);
  std::int64_t succeeded = 0;
  for (const auto& minute : all["series"].GetArray()) succeeded += minute["succeeded"].GetInt64();
  EXPECT_EQ(succeeded, 3);

  const auto billing = throughput(5, "billing");
  EXPECT_STREQ(billing["service"].GetString(), "billing");
  EXPECT_EQ(billing["series"].Size(), 5u);
  EXPECT_EQ(billing["totals"]["succeeded"].GetInt64(), 1);
  EXPECT_EQ(billing["totals"]["failed"].GetInt64(), 0);
  EXPECT_DOUBLE_EQ(billing["failure_rate"].GetDouble(), 0.0);
  EXPECT_TRUE(throughput(5, "nothing")["failure_rate"].IsNull());
}

TEST_F(TaskRepositoryTest, ThroughputCoversItsWindowAndPruningKeepsADay) {
  clear_throughput();
  {
    pqxx::work tx(db());
    tx.exec0(
        "INSERT INTO task_minutes (minute, service, status, shard, n) VALUES "
        "(date_trunc('minute', now()) - interval '90 minutes', 'system', 'succeeded', 0, 7), "
        "(date_trunc('minute', now()) - interval '25 hours', 'system', 'succeeded', 0, 11)");
    tx.commit();
  }
  EXPECT_EQ(throughput(60)["totals"]["succeeded"].GetInt64(), 0);
  EXPECT_EQ(throughput(91)["totals"]["succeeded"].GetInt64(), 7);
  EXPECT_EQ(throughput(kThroughputHistoryMinutes)["totals"]["succeeded"].GetInt64(), 7);
  pqxx::work tx(db());
  EXPECT_EQ(purge_task_minutes(tx), 1);
  EXPECT_EQ(tx.exec1("SELECT sum(n) FROM task_minutes")[0].as<std::int64_t>(), 7);
}

TEST_F(TaskRepositoryTest, KeepsWhenEachFailedAttemptStartedAndHowLongItsRetryWaited) {
  const TaskEnvelope task = make_task();
  claim({task});
  TaskOutcome first = outcome_of(task, TaskStatus::kRetrying, {}, envelope::error_json("E", "1"));
  first.started_at = "2026-01-02T03:04:05.678Z";
  first.retry_delay = std::chrono::milliseconds(2000);
  outcomes({first});
  TaskEnvelope second = task;
  second.attempt = 2;  // a quick attempt: never marked running
  TaskOutcome last = outcome_of(second, TaskStatus::kDead, {}, envelope::error_json("E", "2"));
  last.started_at = "2026-01-02T03:04:09.000Z";
  outcomes({last});

  const auto doc = task_json(task.id);
  // The task's own start is its latest attempt's.
  EXPECT_EQ(envelope::parse_timestamp(doc["started_at"].GetString()),
            envelope::parse_timestamp(last.started_at));
  const auto& errors = doc["errors"];
  ASSERT_EQ(errors.Size(), 2u);
  EXPECT_EQ(errors[0]["attempt"].GetInt(), 1);
  EXPECT_EQ(envelope::parse_timestamp(errors[0]["started_at"].GetString()),
            envelope::parse_timestamp(first.started_at));
  EXPECT_EQ(errors[0]["retry_delay_ms"].GetInt64(), 2000);
  EXPECT_EQ(errors[1]["attempt"].GetInt(), 2);
  EXPECT_EQ(envelope::parse_timestamp(errors[1]["started_at"].GetString()),
            envelope::parse_timestamp(last.started_at));
  EXPECT_FALSE(errors[1].HasMember("retry_delay_ms")) << "no attempt followed the last one";
}

}  // namespace
}  // namespace switchyard::storage
