// The steps of a new incident's orchestration end to end (docs/incidents.md,
// "Orchestration"): a real worker runs incident_orchestration.open_war_room,
// create_document and notify_on_call against a recording server playing Slack,
// the document service and the notifier (tests/support/recording_server.hpp), and
// each step's progress lands in the incident's timeline. The incidents, their
// service, team and on-call are rows written here; the step tasks are published
// as the incident's workflow publishes them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <pqxx/pqxx>
#include <sstream>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/internal_task.hpp"
#include "envelope/task_id.hpp"
#include "recording_server.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"

namespace switchyard::testing {
namespace {

using namespace std::chrono_literals;
namespace kinds = switchyard::kinds::incidents;

constexpr const char* kSlackToken = "xoxb-test-slack-secret";
constexpr const char* kDocsToken = "docs-test-secret";
constexpr const char* kNotifyToken = "notify-test-secret";

// One timeline entry of type ORCHESTRATION.
struct Entry {
  std::string message;
  std::string step;
  std::string state;
  int attempt = 0;
  std::string data;  // as JSON text
};

struct Incident {
  std::string id;
  std::string short_id;  // INC-T00001
  // The war room's name for a title of "<title words>" ("inc-t00001-<slug>").
  std::string channel(const std::string& slug) const {
    std::string code = short_id.substr(4);
    for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return "inc-" + code + "-" + slug;
  }
};

// services.yaml with the orchestration's backoff at 100 ms, so that a retry comes
// back within the test's patience.
std::string fast_retry_services(const TempDir& dir) {
  std::ifstream in(source_dir() + "/config/services.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const auto section = yaml.find("  incident_orchestration:");
  const auto base = yaml.find("backoff_base_ms: 1000", section);
  if (section == std::string::npos || base == std::string::npos) {
    throw std::runtime_error("services.yaml has no incident_orchestration retry to speed up");
  }
  yaml.replace(base, 21, "backoff_base_ms: 100");
  dir.write("services.yaml", yaml);
  return (dir.path() / "services.yaml").string();
}

// A stack whose worker runs the steps, the rows they read, and the publisher that
// hands them their tasks.
class OrchestrationStack {
 public:
  OrchestrationStack(const std::string& name, std::map<std::string, std::string> env)
      : services_file_(fast_retry_services(dir_)) {
    env["SERVICES_CONFIG_FILE"] = services_file_;
    stack_ = std::make_unique<TestStack>(TestStackOptions{name, 1, env});
    services_.emplace(config::ServicesConfig::load_file(services_file_));
    publisher_.emplace(amqp::TaskPublisherOptions{{stack_->broker_url(), name + "-test"}},
                       *services_);
    publisher_->start();
    if (!eventually([this] { return publisher_->connected(); }, 10s)) {
      throw std::runtime_error("the test's publisher never connected");
    }
  }
  ~OrchestrationStack() {
    publisher_->stop();
    stack_.reset();
  }

  TestStack& stack() { return *stack_; }

  // Runs one statement with `params` and returns its first column of its first row.
  template <class... Params>
  std::string sql(const std::string& statement, Params&&... params) {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    const pqxx::result rows = tx.exec_params(statement, std::forward<Params>(params)...);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
  }

  std::string user(const std::string& name) {
    return sql(
        "INSERT INTO users (email, username, password_hash) VALUES ($1, $2, 'x') RETURNING id",
        name + "@example.test", name);
  }

  // A team with `on_call` on call now (an override), a service it owns, an
  // incident of that service.
  Incident incident(const std::string& title, const std::string& on_call_user_id,
                    const std::string& war_room_channel_id = {}) {
    const int n = ++incidents_;
    const std::string team = envelope::new_task_id();
    sql("INSERT INTO incident_teams (id, name, slack_channel_id) VALUES ($1, $2, 'CTEAM')", team,
        "Team " + std::to_string(n));
    if (!on_call_user_id.empty()) {
      sql("INSERT INTO incident_on_call_overrides (id, team_id, user_id, starts_at, ends_at) "
          "VALUES (gen_random_uuid(), $1, $2::bigint, now() - interval '1 hour', "
          "now() + interval '1 day')",
          team, on_call_user_id);
    }
    const std::string service = envelope::new_task_id();
    sql("INSERT INTO incident_services (id, name, owner_team_id) VALUES ($1, $2, $3)", service,
        "service-" + std::to_string(n), team);
    const std::string id = envelope::new_task_id();
    const std::string short_id = fmt::format("INC-T{:05}", n);
    sql("INSERT INTO incidents (id, short_id, title, description, severity, service_id, "
        "created_by, detected_at, war_room_channel_id) VALUES ($1, $2, $3, 'It broke.', "
        "'SEV1_CRITICAL', $4, 'test', now(), nullif($5, ''))",
        id, short_id, title, service, war_room_channel_id);
    return {id, short_id};
  }

  // Publishes the step's task as the workflow would; its task id.
  std::string publish(const domain::TaskKind& kind, const std::string& incident_id) {
    const auto task = envelope::internal_task(
        *services_, kind, R"({"incident_id":")" + incident_id + R"("})", "user:1");
    auto confirmed = std::make_shared<std::promise<amqp::PublishOutcome>>();
    auto outcome = confirmed->get_future();
    publisher_->publish(task, std::nullopt,
                        [confirmed](amqp::PublishOutcome o) { confirmed->set_value(o); });
    if (outcome.wait_for(10s) != std::future_status::ready ||
        outcome.get().kind != amqp::PublishOutcome::Kind::kConfirmed) {
      ADD_FAILURE() << "the broker did not confirm " << task.routing_key();
    }
    return task.id;
  }

  // The three steps' task ids: war room, document, notify.
  std::array<std::string, 3> orchestrate(const std::string& incident_id) {
    return {publish(kinds::kOpenWarRoom, incident_id), publish(kinds::kCreateDocument, incident_id),
            publish(kinds::kNotifyOnCall, incident_id)};
  }

  std::vector<Entry> timeline(const std::string& incident_id) {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    std::vector<Entry> entries;
    for (const auto& row : tx.exec_params(
             "SELECT message, data->>'step', data->>'state', coalesce((data->>'attempt')::int, 0), "
             "data::text FROM incident_timeline WHERE incident_id = $1 AND type = 'ORCHESTRATION' "
             "AND author IS NULL ORDER BY created_at, id",
             incident_id)) {
      entries.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                         row[2].as<std::string>(), row[3].as<int>(), row[4].as<std::string>()});
    }
    return entries;
  }

  // The step's entries, "state@attempt" in order: "started@1", "failed@1", ...
  std::vector<std::string> states(const std::string& incident_id, const std::string& step) {
    std::vector<std::string> out;
    for (const auto& entry : timeline(incident_id)) {
      if (entry.step == step) out.push_back(entry.state + "@" + std::to_string(entry.attempt));
    }
    return out;
  }

 private:
  TempDir dir_;
  std::string services_file_;
  std::unique_ptr<TestStack> stack_;
  std::optional<config::ServicesConfig> services_;
  std::optional<amqp::TaskPublisher> publisher_;
  int incidents_ = 0;
};

rapidjson::Document task_of(TaskApiClient& api, const std::string& id) {
  return parse_json(api.get("/api/v1/tasks/" + id).body);
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

  bool all_reach(const std::array<std::string, 3>& tasks, const std::string& status) {
    for (const auto& id : tasks) {
      if (!api_.reaches(id, status)) return false;
    }
    return true;
  }

  static RecordingServer* server_;
  static OrchestrationStack* stack_;
  TaskApiClient api_{stack_->stack().base_url()};
};

RecordingServer* IncidentOrchestration::server_ = nullptr;
OrchestrationStack* IncidentOrchestration::stack_ = nullptr;

TEST_F(IncidentOrchestration, AllThreeStepsSucceedFillTheLinksAndTellTheTimeline) {
  const std::string alice = stack_->user("alice");
  server_->slack_users({{"alice@example.test", "UALICE"}}, false);
  const Incident incident = stack_->incident("Redis Cluster Down!", alice);
  const std::string& id = incident.id;
  const auto tasks = stack_->orchestrate(id);
  ASSERT_TRUE(all_reach(tasks, "succeeded"));

  const std::string channel =
      stack_->sql("SELECT war_room_channel_id FROM incidents WHERE id = $1", id);
  ASSERT_FALSE(channel.empty());
  EXPECT_EQ(stack_->sql("SELECT war_room_link FROM incidents WHERE id = $1", id),
            "https://slack.com/app_redirect?channel=" + channel);
  EXPECT_EQ(stack_->sql("SELECT lid_link FROM incidents WHERE id = $1", id)
                .rfind("https://docs.example.test/d/", 0),
            0u);
  for (const std::string step : {"war_room", "document", "notify"}) {
    EXPECT_EQ(stack_->states(id, step), (std::vector<std::string>{"started@1", "succeeded@1"}))
        << step;
  }
  const std::string room = incident.channel("redis-cluster-down");
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.state == "started") {
      EXPECT_NE(entry.message.find("(attempt 1 of 5)"), std::string::npos) << entry.message;
    }
    if (entry.step == "war_room" && entry.state == "succeeded") {
      EXPECT_NE(entry.message.find("#" + room + " is open at https://slack.com/"),
                std::string::npos)
          << entry.message;
      EXPECT_NE(entry.message.find("alice (on call) invited"), std::string::npos) << entry.message;
    }
    if (entry.step == "document" && entry.state == "succeeded") {
      EXPECT_NE(entry.message.find("created at https://docs.example.test/d/"), std::string::npos)
          << entry.message;
    }
  }

  // Slack: the channel, then the on-call found by email and invited, then the
  // first message in the channel; every call with the bot token. (The direct
  // message's lookup and post run beside them.)
  const auto calls = server_->calls();
  std::optional<std::size_t> created, looked_up, invited, introduced;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const auto& call = calls[i];
    if (call.path.rfind("/slack/api/", 0) != 0) continue;
    EXPECT_EQ(call.header("authorization"), std::string("Bearer ") + kSlackToken) << call.path;
    const std::string method = call.path.substr(11);
    if (method == "conversations.create") created = i;
    if (method == "users.lookupByEmail" && created && !invited) looked_up = i;
    if (method == "conversations.invite") invited = i;
    if (method == "chat.postMessage" &&
        call.body.find("\"channel\":\"" + channel + "\"") != std::string::npos) {
      introduced = i;
    }
  }
  ASSERT_TRUE(created && looked_up && invited && introduced);
  EXPECT_LT(*created, *looked_up);
  EXPECT_LT(*looked_up, *invited);
  EXPECT_LT(*invited, *introduced);
  const auto creations = server_->calls_to("/slack/api/conversations.create");
  ASSERT_EQ(creations.size(), 1u);
  const auto creation = parse_json(creations[0].body);
  EXPECT_EQ(creation["name"].GetString(), room);
  EXPECT_FALSE(creation["is_private"].GetBool());
  EXPECT_EQ(calls[*looked_up].query, "email=alice%40example.test");
  const auto invitation = parse_json(calls[*invited].body);
  EXPECT_EQ(invitation["channel"].GetString(), channel);
  EXPECT_STREQ(invitation["users"].GetString(), "UALICE");
  bool direct = false;
  for (const auto& post : server_->calls_to("/slack/api/chat.postMessage")) {
    const auto body = parse_json(post.body);
    const std::string text = body["text"].GetString();
    EXPECT_NE(text.find("*" + incident.short_id + "*"), std::string::npos) << text;
    EXPECT_NE(text.find("SEV1_CRITICAL"), std::string::npos) << text;
    EXPECT_NE(text.find("Redis Cluster Down!"), std::string::npos) << text;
    EXPECT_NE(text.find("https://imas.example.test/api/v1/incidents/" + id + "/"),
              std::string::npos)
        << text;
    direct = direct || std::string(body["channel"].GetString()) == "UALICE";
  }
  EXPECT_TRUE(direct);

  // The document service and the notifier: the incident, the token, a key that
  // names the incident's step.
  const auto documents = server_->calls_to("/docs");
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].header("authorization"), std::string("Bearer ") + kDocsToken);
  EXPECT_EQ(documents[0].header("idempotency-key"), id + "-document");
  const auto document = parse_json(documents[0].body);
  EXPECT_EQ(document["incident_id"].GetString(), id);
  EXPECT_EQ(document["short_id"].GetString(), incident.short_id);
  EXPECT_STREQ(document["title"].GetString(), "Redis Cluster Down!");
  EXPECT_STREQ(document["description"].GetString(), "It broke.");
  EXPECT_STREQ(document["severity"].GetString(), "SEV1_CRITICAL");
  EXPECT_EQ(std::string(document["service"].GetString()).rfind("service-", 0), 0u);
  EXPECT_TRUE(document["created_at"].IsString());
  const auto notices = server_->calls_to("/notify");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].header("authorization"), std::string("Bearer ") + kNotifyToken);
  EXPECT_EQ(notices[0].header("idempotency-key"), id + "-notify");
  const auto notice = parse_json(notices[0].body);
  EXPECT_STREQ(notice["on_call"]["username"].GetString(), "alice");
  EXPECT_STREQ(notice["on_call"]["email"].GetString(), "alice@example.test");
  EXPECT_EQ(notice["on_call"]["id"].GetInt64(), std::stoll(alice));
  EXPECT_STREQ(notice["team"]["slack_channel_id"].GetString(), "CTEAM");
}

TEST_F(IncidentOrchestration, ADocumentServiceFailingOnceIsRetriedAndTheTimelineSaysSo) {
  server_->answer_next("/docs", 503, R"({"error":"warming up"})");
  const std::string id = stack_->incident("Disk full", stack_->user("bob")).id;
  const std::string task = stack_->publish(kinds::kCreateDocument, id);
  ASSERT_TRUE(api_.reaches(task, "succeeded"));
  EXPECT_EQ(task_of(api_, task)["attempts"].GetInt(), 2);
  EXPECT_EQ(stack_->states(id, "document"),
            (std::vector<std::string>{"started@1", "failed@1", "started@2", "succeeded@2"}));
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.state != "failed") continue;
    EXPECT_NE(entry.message.find("the document service answered HTTP 503"), std::string::npos)
        << entry.message;
    EXPECT_NE(entry.message.find("retrying (attempt 1 of 5)"), std::string::npos) << entry.message;
    const auto data = parse_json(entry.data);
    EXPECT_TRUE(data["retrying"].GetBool());
    EXPECT_NE(std::string(data["reason"].GetString()).find("warming up"), std::string::npos);
  }
  // Both attempts asked for the same document.
  const auto documents = server_->calls_to("/docs");
  ASSERT_EQ(documents.size(), 2u);
  EXPECT_EQ(documents[0].header("idempotency-key"), documents[1].header("idempotency-key"));
  EXPECT_FALSE(stack_->sql("SELECT lid_link FROM incidents WHERE id = $1", id).empty());
}

TEST_F(IncidentOrchestration, SlackRateLimitingTheWarRoomIsRetried) {
  server_->answer_next("/slack/api/conversations.create", 429,
                       R"({"ok":false,"error":"ratelimited"})");
  const std::string id = stack_->incident("Rate limited", stack_->user("carol")).id;
  const std::string task = stack_->publish(kinds::kOpenWarRoom, id);
  ASSERT_TRUE(api_.reaches(task, "succeeded"));
  EXPECT_EQ(task_of(api_, task)["attempts"].GetInt(), 2);
  EXPECT_FALSE(stack_->sql("SELECT war_room_link FROM incidents WHERE id = $1", id).empty());
}

TEST_F(IncidentOrchestration, ATakenChannelNameIsTheWarRoom) {
  const Incident incident = stack_->incident("Name taken", stack_->user("dave"));
  const std::string& id = incident.id;
  const std::string name = incident.channel("name-taken");
  const auto ids = server_->slack_channels({"a-general", "b-random", "c-ops", name, "z-last"}, 2);
  const std::string task = stack_->publish(kinds::kOpenWarRoom, id);
  ASSERT_TRUE(api_.reaches(task, "succeeded"));
  EXPECT_EQ(stack_->sql("SELECT war_room_channel_id FROM incidents WHERE id = $1", id),
            ids.at(name));
  EXPECT_EQ(stack_->sql("SELECT war_room_link FROM incidents WHERE id = $1", id),
            "https://slack.com/app_redirect?channel=" + ids.at(name));
  // Found by paging through the list with Slack's cursor.
  const auto lists = server_->calls_to("/slack/api/conversations.list");
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_NE(lists[0].query.find("exclude_archived=true"), std::string::npos);
  EXPECT_NE(lists[1].query.find("cursor=2"), std::string::npos) << lists[1].query;
}

TEST_F(IncidentOrchestration, AChannelKeptByAnEarlierAttemptIsNotCreatedAgain) {
  const auto ids = server_->slack_channels({"inc-kept-room"});
  const std::string id = stack_->incident("Kept", stack_->user("erin"), ids.at("inc-kept-room")).id;
  const std::string task = stack_->publish(kinds::kOpenWarRoom, id);
  ASSERT_TRUE(api_.reaches(task, "succeeded"));
  EXPECT_TRUE(server_->calls_to("/slack/api/conversations.create").empty());
  EXPECT_EQ(server_->calls_to("/slack/api/conversations.invite").size(), 1u);
  EXPECT_EQ(stack_->sql("SELECT war_room_link FROM incidents WHERE id = $1", id),
            "https://slack.com/app_redirect?channel=" + ids.at("inc-kept-room"));
}

TEST_F(IncidentOrchestration, ANotifierRefusalFailsAtOnceWithoutHoldingTheOtherSteps) {
  server_->answer_next("/notify", 400, R"({"error":"unknown team"})");
  const std::string id = stack_->incident("Refused", stack_->user("frank")).id;
  const auto tasks = stack_->orchestrate(id);
  ASSERT_TRUE(api_.reaches(tasks[2], "failed"));
  ASSERT_TRUE(api_.reaches(tasks[0], "succeeded"));
  ASSERT_TRUE(api_.reaches(tasks[1], "succeeded"));
  EXPECT_EQ(task_of(api_, tasks[2])["attempts"].GetInt(), 1);
  EXPECT_EQ(stack_->states(id, "notify"), (std::vector<std::string>{"started@1", "failed@1"}));
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.step != "notify" || entry.state != "failed") continue;
    EXPECT_NE(entry.message.find("the on-call notifier answered HTTP 400"), std::string::npos)
        << entry.message;
    EXPECT_NE(entry.message.find("giving up after 1 attempt"), std::string::npos) << entry.message;
    EXPECT_FALSE(parse_json(entry.data)["retrying"].GetBool());
  }
  EXPECT_FALSE(stack_->sql("SELECT war_room_link FROM incidents WHERE id = $1", id).empty());
  EXPECT_FALSE(stack_->sql("SELECT lid_link FROM incidents WHERE id = $1", id).empty());
}

TEST_F(IncidentOrchestration, SlackRefusingTheTokenFailsTheWarRoomAtOnce) {
  server_->answer_next("/slack/api/conversations.create", 200,
                       R"({"ok":false,"error":"invalid_auth"})");
  const std::string id = stack_->incident("Bad token", stack_->user("grace")).id;
  const std::string task = stack_->publish(kinds::kOpenWarRoom, id);
  ASSERT_TRUE(api_.reaches(task, "failed"));
  const auto t = task_of(api_, task);
  EXPECT_EQ(t["attempts"].GetInt(), 1);
  EXPECT_STREQ(t["error"]["type"].GetString(), "upstream_refused");
  EXPECT_STREQ(t["error"]["message"].GetString(),
               "Slack's conversations.create failed: invalid_auth");
  EXPECT_TRUE(stack_->sql("SELECT war_room_link FROM incidents WHERE id = $1", id).empty());
}

TEST_F(IncidentOrchestration, NobodyOnCallStillTellsTheNotifierAndOpensTheRoom) {
  const std::string id = stack_->incident("Unstaffed", "").id;
  const auto tasks = stack_->orchestrate(id);
  ASSERT_TRUE(all_reach(tasks, "succeeded"));
  const auto notices = server_->calls_to("/notify");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_TRUE(parse_json(notices[0].body)["on_call"].IsNull());
  EXPECT_TRUE(server_->calls_to("/slack/api/conversations.invite").empty());
  bool said = false;
  for (const auto& entry : stack_->timeline(id)) {
    if (entry.state == "succeeded" &&
        entry.message.find("nobody is on call for Team") != std::string::npos) {
      said = true;
    }
  }
  EXPECT_TRUE(said);
}

TEST_F(IncidentOrchestration, AnOnCallUnknownToSlackIsSaidNotFailed) {
  server_->slack_users({}, true);
  const std::string id = stack_->incident("Stranger", stack_->user("heidi")).id;
  const auto tasks = stack_->orchestrate(id);
  ASSERT_TRUE(all_reach(tasks, "succeeded"));
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
  ASSERT_TRUE(api_.reaches(task, "failed"));
  const auto t = task_of(api_, task);
  EXPECT_EQ(t["attempts"].GetInt(), 1);
  EXPECT_STREQ(t["error"]["type"].GetString(), "not_found");
  EXPECT_TRUE(server_->calls_to("/docs").empty());
}

TEST_F(IncidentOrchestration, NoSecretReachesTheTimelineTheTasksOrTheLogs) {
  // A service that echoes the token it got: its words go to the timeline.
  server_->answer_next("/docs", 400,
                       std::string(R"({"error":"token )") + kDocsToken + " refused\"}");
  server_->answer_next("/notify", 503, std::string(R"({"error":"bad )") + kNotifyToken + "\"}");
  const std::string id = stack_->incident("Echo", stack_->user("ivan")).id;
  const auto tasks = stack_->orchestrate(id);
  ASSERT_TRUE(api_.reaches(tasks[1], "failed"));
  ASSERT_TRUE(api_.reaches(tasks[2], "succeeded"));
  std::string everything =
      stack_->sql(
          "SELECT string_agg(message || ' ' || coalesce(data::text, ''), ' ') "
          "FROM incident_timeline") +
      stack_->sql(
          "SELECT string_agg(coalesce(error::text, '') || coalesce(errors::text, '') || "
          "coalesce(result::text, ''), ' ') FROM tasks");
  for (const auto& task : tasks) everything += api_.get("/api/v1/tasks/" + task).body;
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
  TaskApiClient api_{stack_->stack().base_url()};
};

OrchestrationStack* UnconfiguredOrchestration::stack_ = nullptr;

TEST_F(UnconfiguredOrchestration, EveryStepIsSkippedNotFailed) {
  const std::string id = stack_->incident("Alone", stack_->user("judy")).id;
  const auto tasks = stack_->orchestrate(id);
  for (const auto& task : tasks) {
    ASSERT_TRUE(api_.reaches(task, "succeeded"));
    const auto t = task_of(api_, task);
    EXPECT_TRUE(t["result"]["skipped"].GetBool());
    EXPECT_EQ(t["attempts"].GetInt(), 1);
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
  EXPECT_TRUE(stack_->sql("SELECT war_room_link FROM incidents WHERE id = $1", id).empty());
}

}  // namespace
}  // namespace switchyard::testing
