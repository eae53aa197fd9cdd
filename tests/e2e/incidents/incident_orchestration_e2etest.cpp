// The steps of a new incident's orchestration end to end (docs/incidents.md,
// "Orchestration"): POST /api/v1/incidents/ starts the incident's workflow, a real
// worker runs incident_orchestration.open_war_room, create_document and
// notify_on_call against a recording server playing Slack, the document service
// and the notifier (tests/support/recording_server.hpp), and GET
// /api/v1/incidents/{id}/ shows the links and each step's progress in the
// timeline. Cases that need Slack prepared before the step runs write the
// incident with SQL and publish the step's task themselves.
#include <gtest/gtest.h>

#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/task_id.hpp"
#include "json/json_fields.hpp"
#include "orchestration_stack.hpp"
#include "recording_server.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

namespace kinds = switchyard::kinds::incidents;

constexpr const char* kSlackToken = "xoxb-test-slack-secret";
constexpr const char* kDocsToken = "docs-test-secret";
constexpr const char* kNotifyToken = "notify-test-secret";

std::string text(const rapidjson::Value& value) {
  return value.IsString() ? std::string(value.GetString(), value.GetStringLength()) : "";
}

class IncidentOrchestration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new RecordingServer("incident_orchestration_e2e", {kSlackToken, false});
    stack_ = new OrchestrationStack("incident_orchestration_e2e",
                                    {{"SLACK_API_URL", server_->slack_api_url()},
                                     {"SLACK_BOT_TOKEN", kSlackToken},
                                     {"INCIDENT_DOCS_URL", server_->docs_url()},
                                     {"INCIDENT_DOCS_TOKEN", kDocsToken},
                                     {"ONCALL_NOTIFY_URL", server_->notify_url()},
                                     {"ONCALL_NOTIFY_TOKEN", kNotifyToken},
                                     {"PUBLIC_URL", "https://imas.example.test"}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { server_->reset(); }

  // The incident's column as GET /api/v1/incidents/{id}/ shows it ("" for null).
  std::string shown(const std::string& id, const char* field) {
    return text(stack_->incident(id)[field]);
  }

  static RecordingServer* server_;
  static OrchestrationStack* stack_;
};

RecordingServer* IncidentOrchestration::server_ = nullptr;
OrchestrationStack* IncidentOrchestration::stack_ = nullptr;

TEST_F(IncidentOrchestration, AllThreeStepsSucceedFillTheLinksAndTellTheTimeline) {
  const std::string alice = stack_->user("alice");
  server_->slack_users({{"alice@example.test", "UALICE"}}, false);
  const auto incident = stack_->create("Redis Cluster Down!", alice);
  const std::string& id = incident.id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));

  const std::string channel =
      stack_->sql("SELECT war_room_channel_id FROM incidents WHERE id = $1::uuid", {id});
  ASSERT_FALSE(channel.empty());
  const auto detail = stack_->incident(id);
  EXPECT_EQ(text(detail["war_room_link"]), "https://slack.com/app_redirect?channel=" + channel);
  EXPECT_EQ(text(detail["lid_link"]).rfind("https://docs.example.test/d/", 0), 0u)
      << text(detail["lid_link"]);
  for (const std::string step : {"war_room", "document", "notify"}) {
    EXPECT_EQ(stack_->states(id, step), (std::vector<std::string>{"started@1", "succeeded@1"}))
        << step;
    EXPECT_EQ(stack_->step(id, step)["attempts"].GetInt(), 1) << step;
  }
  const std::string room = incident.channel("redis-cluster-down");
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.state == "started") {
      EXPECT_NE(entry.message.find("(attempt 1 of 5)"), std::string::npos) << entry.message;
    }
    if (entry.step == "war_room" && entry.state == "succeeded") {
      EXPECT_EQ(entry.message, "War room: #" + room + " is open at " +
                                   text(detail["war_room_link"]) + "; alice (on call) invited");
      EXPECT_EQ(text(parse_json(entry.data)["link"]), text(detail["war_room_link"]));
    }
    if (entry.step == "document" && entry.state == "succeeded") {
      EXPECT_EQ(entry.message, "Incident document: created at " + text(detail["lid_link"]));
    }
    if (entry.step == "notify" && entry.state == "succeeded") {
      EXPECT_EQ(entry.message,
                "On-call notification: alice notified through the notifier; Slack direct "
                "message sent to alice");
    }
  }

  // Slack: the channel and the on-call found by email, then the invitation, then
  // the first message in the channel; every call with the bot token. (The direct
  // message runs beside them; the worker looks the on-call up once for both.)
  const auto calls = server_->calls();
  std::optional<std::size_t> created, looked_up, invited, introduced;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const auto& call = calls[i];
    if (call.path.rfind("/slack/api/", 0) != 0) continue;
    EXPECT_EQ(call.header("authorization"), std::string("Bearer ") + kSlackToken) << call.path;
    const std::string method = call.path.substr(11);
    if (method == "conversations.create") created = i;
    if (method == "users.lookupByEmail" && !looked_up) looked_up = i;
    if (method == "conversations.invite") invited = i;
    if (method == "chat.postMessage" &&
        call.body.find("\"channel\":\"" + channel + "\"") != std::string::npos) {
      introduced = i;
    }
  }
  ASSERT_TRUE(created && looked_up && invited && introduced);
  EXPECT_LT(*created, *invited);
  EXPECT_LT(*looked_up, *invited);
  EXPECT_LT(*invited, *introduced);
  const auto creations = server_->calls_to("/slack/api/conversations.create");
  ASSERT_EQ(creations.size(), 1u);
  const auto creation = parse_json(creations[0].body);
  EXPECT_EQ(text(creation["name"]), room);
  EXPECT_FALSE(creation["is_private"].GetBool());
  EXPECT_EQ(calls[*looked_up].query, "email=alice%40example.test");
  // The war room and the DM run at once on two handler threads: both may look the
  // on-call up before either remembers the answer, never more than once each.
  const auto lookups = server_->calls_to("/slack/api/users.lookupByEmail").size();
  EXPECT_GE(lookups, 1u);
  EXPECT_LE(lookups, 2u);
  const auto invitation = parse_json(calls[*invited].body);
  EXPECT_EQ(text(invitation["channel"]), channel);
  EXPECT_EQ(text(invitation["users"]), "UALICE");
  bool direct = false;
  for (const auto& post : server_->calls_to("/slack/api/chat.postMessage")) {
    const auto body = parse_json(post.body);
    const std::string said = text(body["text"]);
    EXPECT_NE(said.find("*" + incident.short_id + "*"), std::string::npos) << said;
    EXPECT_NE(said.find("SEV1_CRITICAL"), std::string::npos) << said;
    EXPECT_NE(said.find("Redis Cluster Down!"), std::string::npos) << said;
    EXPECT_NE(said.find("https://imas.example.test/api/v1/incidents/" + id + "/"),
              std::string::npos)
        << said;
    direct = direct || text(body["channel"]) == "UALICE";
  }
  EXPECT_TRUE(direct);

  // The document service and the notifier: the incident, the token, a key that
  // names the incident's step.
  const auto documents = server_->calls_to("/docs");
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].header("authorization"), std::string("Bearer ") + kDocsToken);
  EXPECT_EQ(documents[0].header("idempotency-key"), id + "-document");
  const auto document = parse_json(documents[0].body);
  EXPECT_EQ(text(document["incident_id"]), id);
  EXPECT_EQ(text(document["short_id"]), incident.short_id);
  EXPECT_EQ(text(document["title"]), "Redis Cluster Down!");
  EXPECT_EQ(text(document["description"]), "It broke.");
  EXPECT_EQ(text(document["severity"]), "SEV1_CRITICAL");
  EXPECT_EQ(text(document["service"]).rfind("service-", 0), 0u);
  EXPECT_EQ(text(document["created_at"]), text(detail["created_at"]));
  const auto notices = server_->calls_to("/notify");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].header("authorization"), std::string("Bearer ") + kNotifyToken);
  EXPECT_EQ(notices[0].header("idempotency-key"), id + "-notify");
  const auto notice = parse_json(notices[0].body);
  EXPECT_EQ(text(notice["on_call"]["username"]), "alice");
  EXPECT_EQ(text(notice["on_call"]["email"]), "alice@example.test");
  EXPECT_EQ(notice["on_call"]["id"].GetInt64(), std::stoll(alice));
  EXPECT_EQ(text(notice["team"]["slack_channel_id"]), "CTEAM");
  EXPECT_EQ(text(notice["link"]), "https://imas.example.test/api/v1/incidents/" + id + "/");
}

TEST_F(IncidentOrchestration, ADocumentServiceFailingOnceIsRetriedAndTheTimelineSaysSo) {
  server_->answer_next("/docs", 503, R"({"error":"warming up"})");
  const std::string id = stack_->create("Disk full", stack_->user("bob")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));
  EXPECT_EQ(stack_->step(id, "document")["attempts"].GetInt(), 2);
  EXPECT_EQ(stack_->states(id, "document"),
            (std::vector<std::string>{"started@1", "failed@1", "started@2", "succeeded@2"}));
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.state != "failed") continue;
    EXPECT_EQ(entry.message,
              "Incident document: failed, the document service answered HTTP 503: "
              "{\"error\":\"warming up\"}; retrying (attempt 1 of 5)");
    const auto data = parse_json(entry.data);
    EXPECT_TRUE(data["retrying"].GetBool());
    EXPECT_EQ(text(data["reason"]),
              R"(the document service answered HTTP 503: {"error":"warming up"})");
  }
  // Both attempts asked for the same document.
  const auto documents = server_->calls_to("/docs");
  ASSERT_EQ(documents.size(), 2u);
  EXPECT_EQ(documents[0].header("idempotency-key"), documents[1].header("idempotency-key"));
  EXPECT_FALSE(shown(id, "lid_link").empty());
}

TEST_F(IncidentOrchestration, SlackRateLimitingTheWarRoomIsRetried) {
  server_->answer_next("/slack/api/conversations.create", 429,
                       R"({"ok":false,"error":"ratelimited"})");
  const std::string id = stack_->create("Rate limited", stack_->user("carol")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));
  EXPECT_EQ(stack_->step(id, "war_room")["attempts"].GetInt(), 2);
  EXPECT_EQ(stack_->states(id, "war_room"),
            (std::vector<std::string>{"started@1", "failed@1", "started@2", "succeeded@2"}));
  EXPECT_FALSE(shown(id, "war_room_link").empty());
}

TEST_F(IncidentOrchestration, SlacksRetryAfterIsWaitedOutBeforeTheNextAttempt) {
  // The backoff alone would try again after about a second (backoff_base_ms).
  server_->answer_next("/slack/api/conversations.create", 429,
                       R"({"ok":false,"error":"ratelimited"})", 1, {{"Retry-After", "5"}});
  const std::string id = stack_->create("Retry after", stack_->user("mallory")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));
  const auto creates = server_->calls_to("/slack/api/conversations.create");
  ASSERT_EQ(creates.size(), 2u);
  EXPECT_GE(creates[1].at - creates[0].at, 5.0) << "the second attempt came before Retry-After";
}

TEST_F(IncidentOrchestration, ATakenChannelNameIsTheWarRoom) {
  const auto incident = stack_->insert("Name taken", stack_->user("dave"));
  const std::string name = incident.channel("name-taken");
  const auto ids = server_->slack_channels({"a-general", "b-random", "c-ops", name, "z-last"}, 2);
  const std::string task = stack_->publish(kinds::kOpenWarRoom, incident.id);
  ASSERT_TRUE(stack_->task_reaches(task, "succeeded"));
  EXPECT_EQ(shown(incident.id, "war_room_link"),
            "https://slack.com/app_redirect?channel=" + ids.at(name));
  // Found by paging through the list with Slack's cursor.
  const auto lists = server_->calls_to("/slack/api/conversations.list");
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_NE(lists[0].query.find("exclude_archived=true"), std::string::npos);
  EXPECT_NE(lists[1].query.find("cursor=2"), std::string::npos) << lists[1].query;
}

TEST_F(IncidentOrchestration, AChannelKeptByAnEarlierAttemptIsNotCreatedAgain) {
  const auto ids = server_->slack_channels({"inc-kept-room"});
  const auto incident = stack_->insert("Kept", stack_->user("erin"), ids.at("inc-kept-room"));
  const std::string task = stack_->publish(kinds::kOpenWarRoom, incident.id);
  ASSERT_TRUE(stack_->task_reaches(task, "succeeded"));
  EXPECT_TRUE(server_->calls_to("/slack/api/conversations.create").empty());
  EXPECT_EQ(server_->calls_to("/slack/api/conversations.invite").size(), 1u);
  EXPECT_EQ(shown(incident.id, "war_room_link"),
            "https://slack.com/app_redirect?channel=" + ids.at("inc-kept-room"));
}

TEST_F(IncidentOrchestration, ARetryAfterTheFirstMessageWasPostedDoesNotPostItAgain) {
  // The first attempt posted the message, then failed (here: Slack's answer to
  // chat.postMessage was fine, the step's next call was not).
  const auto ids = server_->slack_channels({"inc-intro-room"});
  const auto posted = stack_->insert("Posted", stack_->user("oscar"), ids.at("inc-intro-room"));
  stack_->sql("UPDATE incidents SET war_room_intro_posted_at = now() WHERE id = $1::uuid",
              {posted.id});
  const std::string task = stack_->publish(kinds::kOpenWarRoom, posted.id);
  ASSERT_TRUE(stack_->task_reaches(task, "succeeded"));
  EXPECT_TRUE(server_->calls_to("/slack/api/chat.postMessage").empty());
  EXPECT_FALSE(shown(posted.id, "war_room_link").empty());

  // Without the mark, the message is posted, and the mark kept.
  const auto fresh = stack_->insert("Fresh", stack_->user("peggy"), ids.at("inc-intro-room"));
  ASSERT_TRUE(stack_->task_reaches(stack_->publish(kinds::kOpenWarRoom, fresh.id), "succeeded"));
  EXPECT_EQ(server_->calls_to("/slack/api/chat.postMessage").size(), 1u);
  EXPECT_EQ(stack_->sql("SELECT war_room_intro_posted_at IS NOT NULL FROM incidents "
                        "WHERE id = $1::uuid",
                        {fresh.id}),
            "t");
}

TEST_F(IncidentOrchestration, ANotifierRefusalFailsAtOnceWithoutHoldingTheOtherSteps) {
  server_->answer_next("/notify", 400, R"({"error":"unknown team"})");
  const std::string id = stack_->create("Refused", stack_->user("frank")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "failed"));
  EXPECT_EQ(text(stack_->step(id, "notify")["status"]), "failed");
  EXPECT_EQ(stack_->step(id, "notify")["attempts"].GetInt(), 1);
  EXPECT_EQ(text(stack_->step(id, "war_room")["status"]), "succeeded");
  EXPECT_EQ(text(stack_->step(id, "document")["status"]), "succeeded");
  EXPECT_EQ(stack_->states(id, "notify"), (std::vector<std::string>{"started@1", "failed@1"}));
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.step != "notify" || entry.state != "failed") continue;
    EXPECT_EQ(entry.message,
              "On-call notification: failed, the on-call notifier answered HTTP 400: "
              "{\"error\":\"unknown team\"}; giving up after 1 attempt");
    EXPECT_FALSE(parse_json(entry.data)["retrying"].GetBool());
  }
  EXPECT_FALSE(shown(id, "war_room_link").empty());
  EXPECT_FALSE(shown(id, "lid_link").empty());
}

TEST_F(IncidentOrchestration, SlackRefusingTheTokenFailsTheWarRoomAtOnce) {
  server_->answer_next("/slack/api/conversations.create", 200,
                       R"({"ok":false,"error":"invalid_auth"})");
  const std::string id = stack_->create("Bad token", stack_->user("grace")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "failed"));
  const auto step = stack_->step(id, "war_room");
  EXPECT_EQ(step["attempts"].GetInt(), 1);
  const auto task = stack_->task(text(step["task_id"]));
  EXPECT_EQ(text(task["error"]["type"]), "upstream_refused");
  EXPECT_EQ(text(task["error"]["message"]), "Slack's conversations.create failed: invalid_auth");
  EXPECT_TRUE(shown(id, "war_room_link").empty());
  EXPECT_FALSE(shown(id, "lid_link").empty());
}

TEST_F(IncidentOrchestration, NobodyOnCallStillTellsTheNotifierAndOpensTheRoom) {
  const std::string id = stack_->create("Unstaffed", "").id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));
  const auto notices = server_->calls_to("/notify");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_TRUE(parse_json(notices[0].body)["on_call"].IsNull());
  EXPECT_TRUE(server_->calls_to("/slack/api/conversations.invite").empty());
  EXPECT_FALSE(shown(id, "war_room_link").empty());
  int said = 0;
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.state == "succeeded" &&
        entry.message.find("nobody is on call for Team") != std::string::npos) {
      ++said;
    }
  }
  EXPECT_EQ(said, 2);  // the war room's and the notification's
}

TEST_F(IncidentOrchestration, AnOnCallUnknownToSlackIsSaidNotFailed) {
  server_->slack_users({}, true);
  const std::string id = stack_->create("Stranger", stack_->user("heidi")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));
  EXPECT_TRUE(server_->calls_to("/slack/api/conversations.invite").empty());
  int said = 0;
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.message.find("heidi (on call) has no Slack account") != std::string::npos ||
        entry.message.find("heidi has no Slack account") != std::string::npos) {
      ++said;
    }
  }
  EXPECT_EQ(said, 2);  // the war room's and the notification's
}

TEST_F(IncidentOrchestration, AnUnknownIncidentFailsAtOnce) {
  const std::string task = stack_->publish(kinds::kCreateDocument, envelope::new_task_id());
  ASSERT_TRUE(stack_->task_reaches(task, "failed"));
  const auto t = stack_->task(task);
  EXPECT_EQ(t["attempts"].GetInt(), 1);
  EXPECT_EQ(text(t["error"]["type"]), "not_found");
  EXPECT_TRUE(server_->calls_to("/docs").empty());
}

TEST_F(IncidentOrchestration, NoSecretReachesTheTimelineTheTasksOrTheLogs) {
  // Services that echo the token they got: their words go to the timeline.
  server_->answer_next("/docs", 400,
                       std::string(R"({"error":"token )") + kDocsToken + " refused\"}");
  server_->answer_next("/notify", 503, std::string(R"({"error":"bad )") + kNotifyToken + "\"}");
  server_->answer_next("/slack/api/conversations.create", 502, kSlackToken);
  const std::string id = stack_->create("Echo", stack_->user("ivan")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "failed"));
  std::string everything =
      json::to_text(stack_->incident(id)) + json::to_text(stack_->workflow(id));
  for (const std::string step : {"war_room", "document", "notify"}) {
    everything += json::to_text(stack_->task(text(stack_->step(id, step)["task_id"])));
  }
  everything += stack_->sql(
      "SELECT string_agg(coalesce(error::text, '') || errors::text || coalesce(result::text, ''), "
      "' ') FROM tasks");
  everything += stack_->stack().workers()[0]->log();
  EXPECT_NE(everything.find("[redacted]"), std::string::npos);
  for (const char* secret : {kSlackToken, kDocsToken, kNotifyToken}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  }
}

// Without the integrations' settings every step is skipped, and says why.
class UnconfiguredOrchestration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new OrchestrationStack("incident_orchestration_bare_e2e", {});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  static OrchestrationStack* stack_;
};

OrchestrationStack* UnconfiguredOrchestration::stack_ = nullptr;

TEST_F(UnconfiguredOrchestration, EveryStepIsSkippedNotFailed) {
  const std::string id = stack_->create("Alone", stack_->user("judy")).id;
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));
  for (const std::string step : {"war_room", "document", "notify"}) {
    const auto s = stack_->step(id, step);
    EXPECT_EQ(s["attempts"].GetInt(), 1);
    EXPECT_TRUE(s["result"]["skipped"].GetBool()) << step;
  }
  const auto entries = stack_->timeline(id);
  ASSERT_EQ(entries.size(), 3u);
  std::map<std::string, std::string> messages;
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.state, "skipped");
    messages[entry.step] = entry.message;
  }
  EXPECT_EQ(messages["war_room"], "War room: skipped, SLACK_BOT_TOKEN is not set");
  EXPECT_EQ(messages["document"], "Incident document: skipped, INCIDENT_DOCS_URL is not set");
  EXPECT_EQ(messages["notify"],
            "On-call notification: skipped, neither ONCALL_NOTIFY_URL nor SLACK_BOT_TOKEN is set");
  const auto detail = stack_->incident(id);
  EXPECT_TRUE(detail["war_room_link"].IsNull());
  EXPECT_TRUE(detail["lid_link"].IsNull());
}

}  // namespace
}  // namespace switchyard::testing
