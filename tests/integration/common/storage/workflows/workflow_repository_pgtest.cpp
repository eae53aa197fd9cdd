// How a workflow moves forward (migrations/0013 through
// storage/workflows/workflow_repository.hpp), on the test PostgreSQL: the steps
// a recorded outcome makes ready, the failure policies, compensation, resume,
// cancel, and a fan-in whose parents finish at once in two transactions.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <thread>

#include "envelope/task_id.hpp"
#include "storage/workflows/workflow_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::workflows {
namespace {

using Kind = WorkflowMessage::Kind;

// A step of a definition: id, dependencies, payload.
struct StepSpec {
  std::string id;
  std::vector<std::string> depends_on;
  std::string payload = "{}";
  bool compensation = false;
  std::string refs = "[]";  // as the API finds them in the payload
};

std::string definition(const std::string& workflow, const std::string& policy,
                       const std::vector<StepSpec>& steps) {
  std::string json =
      R"({"workflow_id":")" + workflow + R"(","failure_policy":")" + policy + R"(","steps":[)";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const StepSpec& s = steps[i];
    std::string deps;
    for (const auto& d : s.depends_on) deps += (deps.empty() ? "\"" : ",\"") + d + "\"";
    json +=
        (i ? "," : "") + std::string(R"({"id":")") + s.id + R"(","task_id":")" +
        envelope::workflow_step_task_id(workflow, s.id) +
        R"(","service":"system","action":"noop","max_attempts":1,"timeout_ms":1000,"payload":)" +
        s.payload + R"(,"refs":)" + s.refs + R"(,"depends_on":[)" + deps + R"(],"compensation":)" +
        (s.compensation ? "true" : "false") + "}";
  }
  return json + "]}";
}

std::vector<std::string> published(const std::vector<WorkflowMessage>& messages) {
  std::vector<std::string> ids;
  for (const auto& m : messages) {
    if (m.kind == Kind::kPublish) ids.push_back(m.id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> events(const std::vector<WorkflowMessage>& messages) {
  std::vector<std::string> names;
  for (const auto& m : messages) {
    if (m.kind == Kind::kEvent) names.push_back(m.target);
  }
  return names;
}

class WorkflowRepositoryTest : public testing::RolledBackTest {
 protected:
  std::string workflow_ = envelope::new_task_id();

  std::string task(const std::string& step) {
    return envelope::workflow_step_task_id(workflow_, step);
  }

  // Writes the workflow and its start task (succeeded); the messages of the start.
  std::vector<WorkflowMessage> start(const std::string& policy, const std::vector<StepSpec>& steps,
                                     const std::string& reply_to = "") {
    const std::string body = definition(workflow_, policy, steps);
    EXPECT_TRUE(create_workflow(tx(), body, "tester", std::nullopt, ""));
    tx().exec_params0(
        "INSERT INTO tasks (id, service, action, status, payload) "
        "VALUES ($1, 'workflows', 'start', 'succeeded', $2::jsonb)",
        workflow_, body);
    return advance_workflows(tx(), {workflow_}, {reply_to});
  }

  // Records the outcome of a step's task as a worker would, then advances.
  std::vector<WorkflowMessage> finish(const std::string& step, const std::string& status,
                                      const std::string& result = "{}") {
    tx().exec_params0(
        "UPDATE tasks SET status = $2, result = $3::jsonb, attempts = attempts + 1, "
        "error = CASE WHEN $2 = 'succeeded' THEN NULL "
        "ELSE '{\"type\":\"requested_failure\",\"message\":\"boom\"}'::jsonb END "
        "WHERE id = $1",
        task(step), status, result);
    return advance_workflows(tx(), {task(step)}, {""});
  }

  std::string state(const std::string& step) {
    return tx()
        .exec_params1("SELECT state FROM workflow_steps WHERE workflow_id = $1 AND step_id = $2",
                      workflow_, step)[0]
        .as<std::string>();
  }

  std::string status() {
    return tx()
        .exec_params1("SELECT status FROM workflows WHERE id = $1", workflow_)[0]
        .as<std::string>();
  }
};

TEST_F(WorkflowRepositoryTest, StartPublishesTheRootsAsQueuedTasksAndAnnouncesTheStart) {
  const auto messages = start("fail_fast", {{"a", {}}, {"b", {}}, {"c", {"a", "b"}}});
  EXPECT_EQ(published(messages), (std::vector<std::string>{std::min(task("a"), task("b")),
                                                           std::max(task("a"), task("b"))}));
  EXPECT_EQ(events(messages), std::vector<std::string>{"workflow.started"});
  EXPECT_EQ(
      tx().exec_params1("SELECT status FROM tasks WHERE id = $1", task("a"))[0].as<std::string>(),
      "queued");
  EXPECT_EQ(state("c"), "waiting");
  // A redelivered start changes nothing.
  EXPECT_FALSE(create_workflow(tx(), definition(workflow_, "fail_fast", {{"a", {}}}), "tester",
                               std::nullopt, ""));
  EXPECT_TRUE(advance_workflows(tx(), {workflow_}, {""}).empty());
}

TEST_F(WorkflowRepositoryTest, AWorkflowADomainTaskWroteBeginsOnceWithItsRoots) {
  // An incident's creation writes its orchestration in its own transaction; the
  // worker then begins it (migrations/0015).
  EXPECT_TRUE(create_workflow(tx(), definition(workflow_, "continue", {{"a", {}}, {"b", {"a"}}}),
                              "tester", std::nullopt, ""));
  const auto messages = begin_workflows(tx(), {workflow_});
  EXPECT_EQ(published(messages), std::vector<std::string>{task("a")});
  EXPECT_EQ(events(messages), std::vector<std::string>{"workflow.started"});
  EXPECT_EQ(state("a"), "published");
  EXPECT_EQ(state("b"), "waiting");
  // Begun once: a redelivered creation publishes nothing more.
  EXPECT_TRUE(begin_workflows(tx(), {workflow_}).empty());
  // A workflow nobody wrote (the creation failed and rolled back) is no error.
  EXPECT_TRUE(begin_workflows(tx(), {envelope::new_task_id()}).empty());
  // From there it moves on like any workflow.
  EXPECT_EQ(published(finish("a", "succeeded")), std::vector<std::string>{task("b")});
}

TEST_F(WorkflowRepositoryTest, AWindowOfWorkflowsBeginsTogetherEachWithItsRootsAndItsStartedEvent) {
  // One call for a window's workflows (migrations/0020): every root of each, in
  // step order, as the envelope its worker receives; one event each, whose view
  // already shows the roots queued.
  const std::string other = envelope::new_task_id();
  EXPECT_TRUE(
      create_workflow(tx(),
                      definition(workflow_, "continue",
                                 {{"war_room", {}, R"({"n":1})"}, {"doc", {}}, {"after", {"doc"}}}),
                      "tester", std::nullopt, ""));
  EXPECT_TRUE(create_workflow(tx(), definition(other, "continue", {{"notify", {}}}), "tester",
                              std::nullopt, ""));
  const auto messages = begin_workflows(tx(), {other, workflow_});
  std::vector<std::string> expected{task("war_room"), task("doc"),
                                    envelope::workflow_step_task_id(other, "notify")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(published(messages), expected);
  EXPECT_EQ(events(messages), (std::vector<std::string>{"workflow.started", "workflow.started"}));
  for (const auto& m : messages) {
    rapidjson::Document body;
    body.Parse(m.body.c_str());
    if (m.kind == Kind::kPublish) {
      EXPECT_EQ(m.target, "system.noop");
      EXPECT_EQ(body["attempt"].GetInt(), 1);
      EXPECT_EQ(body["max_attempts"].GetInt(), 1);
      EXPECT_STREQ(body["submitted_by"].GetString(), "tester");
      if (m.id == task("war_room")) {
        EXPECT_STREQ(body["step_id"].GetString(), "war_room");
        EXPECT_STREQ(body["workflow_id"].GetString(), workflow_.c_str());
        EXPECT_EQ(body["payload"]["n"].GetInt(), 1);
      }
    } else if (m.kind == Kind::kEvent) {
      for (const auto& step : body["steps"].GetArray()) {
        const std::string id = step["id"].GetString();
        EXPECT_STREQ(step["status"].GetString(), id == "after" ? "pending" : "queued") << id;
      }
    }
  }
  EXPECT_EQ(state("after"), "waiting");
  EXPECT_TRUE(begin_workflows(tx(), {workflow_, other}).empty());
  // Announced as started once: its end is the next event.
  finish("war_room", "succeeded");
  finish("doc", "succeeded");
  EXPECT_EQ(events(finish("after", "succeeded")), std::vector<std::string>{"workflow.succeeded"});
}

TEST_F(WorkflowRepositoryTest, AQuietWorkflowRunsLikeAnyOtherButAnnouncesNothing) {
  // The platform's own workflows (an incident's orchestration) say
  // "publish_events": false (migrations/0033).
  std::string body = definition(workflow_, "continue", {{"a", {}}, {"b", {"a"}}});
  body.insert(1, R"("publish_events":false,)");
  EXPECT_TRUE(create_workflow(tx(), body, "tester", std::nullopt, ""));
  const auto begun = begin_workflows(tx(), {workflow_});
  EXPECT_EQ(published(begun), std::vector<std::string>{task("a")});
  EXPECT_TRUE(events(begun).empty());
  EXPECT_EQ(published(finish("a", "succeeded")), std::vector<std::string>{task("b")});
  const auto last = finish("b", "succeeded");
  EXPECT_TRUE(last.empty());
  EXPECT_EQ(status(), "succeeded");
  // Its status counts as announced: a redelivered outcome sends nothing either.
  EXPECT_TRUE(advance_workflows(tx(), {task("b")}, {""}).empty());
  EXPECT_EQ(tx().exec_params1("SELECT announced_status FROM workflows WHERE id = $1", workflow_)[0]
                .as<std::string>(),
            "succeeded");
}

TEST_F(WorkflowRepositoryTest, AQuietWorkflowStillAnswersItsWaitingCaller) {
  std::string body = definition(workflow_, "fail_fast", {{"a", {}}});
  body.insert(1, R"("publish_events":false,)");
  EXPECT_TRUE(create_workflow(tx(), body, "tester", std::nullopt, ""));
  tx().exec_params0(
      "INSERT INTO tasks (id, service, action, status, payload) "
      "VALUES ($1, 'workflows', 'start', 'succeeded', $2::jsonb)",
      workflow_, body);
  EXPECT_TRUE(
      events(advance_workflows(tx(), {workflow_}, {"amq.rabbitmq.reply-to.caller"})).empty());
  const auto last = finish("a", "succeeded");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].kind, Kind::kReply);
  EXPECT_EQ(last[0].target, "amq.rabbitmq.reply-to.caller");
  rapidjson::Document view;
  view.Parse(last[0].body.c_str());
  EXPECT_STREQ(view["status"].GetString(), "succeeded");
}

TEST_F(WorkflowRepositoryTest, AChildIsPublishedWhenItsLastParentSucceedsWithTheirResults) {
  start(
      "fail_fast",
      {{"a", {}},
       {"b", {}},
       {"c",
        {"a", "b"},
        R"({"x":{"$ref":"steps.a.result.url"},"y":[{"$ref":"steps.b.result"}]})",
        false,
        R"([{"at":["x"],"from":"steps.a.result.url"},{"at":["y","0"],"from":"steps.b.result"}])"}});
  EXPECT_TRUE(published(finish("a", "succeeded", R"({"url":"http://r"})")).empty());
  const auto messages = finish("b", "succeeded", R"({"n":2})");
  ASSERT_EQ(published(messages), std::vector<std::string>{task("c")});
  rapidjson::Document envelope;
  envelope.Parse(messages[0].body.c_str());
  EXPECT_STREQ(envelope["payload"]["x"].GetString(), "http://r");
  EXPECT_EQ(envelope["payload"]["y"][0]["n"].GetInt(), 2);
  EXPECT_STREQ(envelope["workflow_id"].GetString(), workflow_.c_str());
  EXPECT_STREQ(envelope["step_id"].GetString(), "c");
  EXPECT_EQ(envelope["attempt"].GetInt(), 1);
  EXPECT_EQ(messages[0].target, "system.noop");
  // The same outcome seen again (a redelivered event) moves nothing.
  EXPECT_TRUE(advance_workflows(tx(), {task("b")}, {""}).empty());

  const auto last = finish("c", "succeeded");
  EXPECT_EQ(events(last), std::vector<std::string>{"workflow.succeeded"});
  EXPECT_EQ(status(), "succeeded");
}

TEST_F(WorkflowRepositoryTest, FailFastStopsWhatHasNotStartedAndRunsTheCompensationOnce) {
  start(
      "fail_fast",
      {{"a", {}},
       {"b", {}},
       {"after", {"a"}},
       {"undo", {}, R"({"why":{"$ref":"failure"}})", true, R"([{"at":["why"],"from":"failure"}])"}},
      "reply-address");
  const auto messages = finish("a", "dead");
  EXPECT_EQ(status(), "failed");
  EXPECT_EQ(state("after"), "cancelled");  // waiting: never published
  EXPECT_EQ(state("b"), "cancelled");      // published, still queued: its task is cancelled
  EXPECT_EQ(
      tx().exec_params1("SELECT status FROM tasks WHERE id = $1", task("b"))[0].as<std::string>(),
      "cancelled");
  ASSERT_EQ(published(messages), std::vector<std::string>{task("undo")});
  const auto compensation =
      std::find_if(messages.begin(), messages.end(),
                   [](const WorkflowMessage& m) { return m.kind == Kind::kPublish; });
  rapidjson::Document envelope;
  envelope.Parse(compensation->body.c_str());
  EXPECT_STREQ(envelope["payload"]["why"]["step"].GetString(), "a");
  EXPECT_STREQ(envelope["payload"]["why"]["status"].GetString(), "dead");
  EXPECT_STREQ(envelope["payload"]["why"]["error"]["message"].GetString(), "boom");
  EXPECT_EQ(events(messages), std::vector<std::string>{"workflow.failed"});
  const auto replies =
      std::count_if(messages.begin(), messages.end(), [](const WorkflowMessage& m) {
        return m.kind == Kind::kReply && m.target == "reply-address";
      });
  EXPECT_EQ(replies, 1);
  // The compensation's own outcome does not move the failed workflow.
  EXPECT_TRUE(published(finish("undo", "succeeded")).empty());
  EXPECT_EQ(status(), "failed");
}

TEST_F(WorkflowRepositoryTest, ContinueSkipsWhatDependsOnTheFailureAndRunsTheRest) {
  start("continue", {{"a", {}},
                     {"bad", {"a"}},
                     {"ok", {"a"}},
                     {"below", {"bad"}},
                     {"further", {"below"}},
                     {"tail", {"ok"}}});
  EXPECT_EQ(published(finish("a", "succeeded")).size(), 2u);
  EXPECT_TRUE(published(finish("bad", "failed")).empty());
  EXPECT_EQ(state("below"), "skipped");
  EXPECT_EQ(state("further"), "skipped");
  EXPECT_EQ(status(), "running");
  EXPECT_EQ(published(finish("ok", "succeeded")), std::vector<std::string>{task("tail")});
  EXPECT_EQ(events(finish("tail", "succeeded")), std::vector<std::string>{"workflow.failed"});
  EXPECT_EQ(status(), "failed");
}

TEST_F(WorkflowRepositoryTest, TheReplayOfADeadStepResumesTheWorkflow) {
  start("fail_fast", {{"a", {}}, {"b", {"a"}}, {"c", {"a"}}, {"d", {"b", "c"}}});
  finish("a", "succeeded");
  finish("b", "dead");
  EXPECT_EQ(status(), "failed");
  EXPECT_EQ(state("c"), "cancelled");
  // The dead letter is replayed and succeeds: the workflow runs on, c is queued again.
  const auto resumed = finish("b", "succeeded");
  EXPECT_EQ(status(), "running");
  EXPECT_EQ(published(resumed), std::vector<std::string>{task("c")});
  EXPECT_EQ(events(resumed), std::vector<std::string>{"workflow.resumed"});
  EXPECT_EQ(
      tx().exec_params1("SELECT status FROM tasks WHERE id = $1", task("c"))[0].as<std::string>(),
      "queued");
  EXPECT_EQ(published(finish("c", "succeeded")), std::vector<std::string>{task("d")});
  finish("d", "succeeded");
  EXPECT_EQ(status(), "succeeded");
}

TEST_F(WorkflowRepositoryTest, CancelStopsTheWorkflowAndIsAnnouncedOnce) {
  start("fail_fast", {{"a", {}}, {"b", {"a"}}, {"undo", {}, "{}", true}});
  EXPECT_EQ(cancel_workflow(tx(), workflow_), "cancelled");
  EXPECT_EQ(cancel_workflow(tx(), workflow_), "cancelled");
  EXPECT_EQ(cancel_workflow(tx(), envelope::new_task_id()), std::nullopt);
  EXPECT_EQ(state("a"), "cancelled");
  EXPECT_EQ(state("b"), "cancelled");
  EXPECT_EQ(state("undo"), "skipped");
  // The listener advances the workflow's own id (its start task's) after a cancel.
  EXPECT_EQ(events(advance_workflows(tx(), {workflow_}, {""})),
            std::vector<std::string>{"workflow.cancelled"});
  EXPECT_TRUE(advance_workflows(tx(), {workflow_}, {""}).empty());
}

TEST_F(WorkflowRepositoryTest, RepublishGivesThePublishedStepsStillQueued) {
  start("fail_fast", {{"a", {}}, {"b", {"a"}}, {"c", {"a"}}});
  finish("a", "succeeded");
  finish("c", "succeeded");
  EXPECT_EQ(published(republish_workflow_steps(tx(), {task("a")})),
            std::vector<std::string>{task("b")});
  EXPECT_TRUE(republish_workflow_steps(tx(), {envelope::new_task_id()}).empty());
}

TEST_F(WorkflowRepositoryTest, TheViewShowsEachStepsStatusAndTask) {
  start("fail_fast", {{"a", {}}, {"b", {"a"}}});
  finish("a", "succeeded", R"({"v":1})");
  rapidjson::Document view;
  view.Parse(find_workflow_json(tx(), workflow_)->c_str());
  EXPECT_STREQ(view["status"].GetString(), "running");
  EXPECT_STREQ(view["steps"][0]["status"].GetString(), "succeeded");
  EXPECT_EQ(view["steps"][0]["result"]["v"].GetInt(), 1);
  EXPECT_STREQ(view["steps"][1]["status"].GetString(), "queued");
  EXPECT_STREQ(view["steps"][1]["task_id"].GetString(), task("b").c_str());
  const auto page = list_workflows(
      tx(), {std::string("running"), std::nullopt, std::nullopt, std::string("tester"), 10});
  ASSERT_TRUE(page);
  EXPECT_FALSE(page->items_json.empty());
}

// Two workers record the two parents of one step at the same moment, each in its
// own transaction: the workflow's row lock makes exactly one of them publish it.
TEST(WorkflowFanIn, ParentsFinishingAtOnceInTwoTransactionsPublishTheChildOnce) {
  const std::string url = testing::migrated_database_url();
  for (int round = 0; round < 10; ++round) {
    const std::string workflow = envelope::new_task_id();
    const std::string body =
        definition(workflow, "fail_fast", {{"a", {}}, {"b", {}}, {"join", {"a", "b"}}});
    {
      pqxx::connection db(url);
      pqxx::work tx(db);
      create_workflow(tx, body, "tester", std::nullopt, "");
      tx.exec_params0(
          "INSERT INTO tasks (id, service, action, status, payload) "
          "VALUES ($1, 'workflows', 'start', 'succeeded', $2::jsonb)",
          workflow, body);
      advance_workflows(tx, {workflow}, {""});
      tx.commit();
    }
    std::vector<std::string> children[2];
    auto parent = [&](int i, const std::string& step) {
      pqxx::connection db(url);
      pqxx::work tx(db);
      const std::string id = envelope::workflow_step_task_id(workflow, step);
      tx.exec_params0("UPDATE tasks SET status = 'succeeded', attempts = 1 WHERE id = $1", id);
      children[i] = published(advance_workflows(tx, {id}, {""}));
      tx.commit();
    };
    std::thread first(parent, 0, "a");
    std::thread second(parent, 1, "b");
    first.join();
    second.join();
    EXPECT_EQ(children[0].size() + children[1].size(), 1u) << "round " << round;
  }
}

}  // namespace
}  // namespace switchyard::storage::workflows
