// Slack chat-ops end to end (docs/slack.md): Slack's own payload samples
// (tests/e2e/fixtures/slack), signed as Slack signs them, sent to a real API
// whose worker answers through a recording server playing Slack's Web API and its
// response URLs (tests/support/recording_server.hpp). Incident writes asked for
// in Slack must reach the incident through the incident manager's own tasks, so
// the incident (status, who acted) is read back through the REST API.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "envelope/task_id.hpp"
#include "http_client.hpp"
#include "orchestration_stack.hpp"
#include "recording_server.hpp"
#include "security/slack_signature.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

constexpr const char* kSlackToken = "xoxb-chatops-test-token";
constexpr const char* kSigningSecret = "chatops-test-signing-secret-0123456789";

std::string fixture(const std::string& name) {
  std::ifstream in(source_dir() + "/tests/e2e/fixtures/slack/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replaced(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    const std::string placeholder = "{{" + key + "}}";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder)) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

std::string form_escape(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string now_text(std::chrono::seconds shift = std::chrono::seconds(0)) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return std::to_string((now + shift).count());
}

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  return doc;
}

std::string text_of(const rapidjson::Value& value, const char* name) {
  if (!value.IsObject() || !value.HasMember(name) || !value[name].IsString()) return "";
  return value[name].GetString();
}

class SlackChatops : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new RecordingServer("slack_chatops_e2e", {kSlackToken, false});
    stack_ =
        new OrchestrationStack("slack_chatops_e2e", {{"SLACK_API_URL", server_->slack_api_url()},
                                                     {"SLACK_BOT_TOKEN", kSlackToken},
                                                     {"SLACK_SIGNING_SECRET", kSigningSecret},
                                                     {"SLACK_RESPONSE_URL_HOSTS", "127.0.0.1"}});
    on_call_ = stack_->user("oncall");
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    server_->reset();
    http_ = std::make_unique<HttpClient>(stack_->stack().base_url());
  }

  // POSTs `body` signed with the app's secret at `timestamp` (now by default).
  HttpResponse send(const std::string& path, const std::string& body, const std::string& type,
                    std::map<std::string, std::string> headers = {},
                    const std::string& timestamp = now_text()) {
    headers.emplace("Content-Type", type);
    headers.emplace("X-Slack-Request-Timestamp", timestamp);
    headers.emplace("X-Slack-Signature",
                    security::slack_signature(kSigningSecret, timestamp, body));
    return http_->request("POST", path, body, headers);
  }
  HttpResponse command(const std::string& text, const std::string& response_url) {
    return send(
        "/api/v1/slack/commands/",
        replaced(fixture("slash_command.txt"),
                 {{"TEXT", form_escape(text)}, {"RESPONSE_URL", form_escape(response_url)}}),
        "application/x-www-form-urlencoded");
  }
  HttpResponse interact(const std::string& payload) {
    return send("/api/v1/slack/interactive/", "payload=" + form_escape(payload),
                "application/x-www-form-urlencoded");
  }
  HttpResponse click(const std::string& action_id, const std::string& incident_id,
                     const std::string& response_url) {
    return interact(replaced(
        fixture("block_actions.json"),
        {{"ACTION_ID", action_id}, {"INCIDENT_ID", incident_id}, {"RESPONSE_URL", response_url}}));
  }

  // The bodies posted to the response_url `name` once there are at least `count`.
  std::vector<std::string> posts_to(const std::string& name, std::size_t count = 1) {
    std::vector<std::string> bodies;
    eventually([&] {
      bodies.clear();
      for (const auto& call : server_->calls_to("/slack/hooks/" + name))
        bodies.push_back(call.body);
      return bodies.size() >= count;
    });
    return bodies;
  }
  bool status_becomes(const std::string& id, const std::string& status) {
    return eventually([&] { return text_of(stack_->incident(id), "status") == status; });
  }
  std::string actor(const std::string& id, const char* field) {
    const auto incident = stack_->incident(id);
    return incident.HasMember(field) ? text_of(incident[field], "username") : "";
  }

  static RecordingServer* server_;
  static OrchestrationStack* stack_;
  static std::string on_call_;
  std::unique_ptr<HttpClient> http_;
};

RecordingServer* SlackChatops::server_ = nullptr;
OrchestrationStack* SlackChatops::stack_ = nullptr;
std::string SlackChatops::on_call_;

TEST_F(SlackChatops, UrlVerificationAnswersTheChallenge) {
  const auto response =
      send("/api/v1/slack/events/", fixture("url_verification.json"), "application/json");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(text_of(parsed(response.body), "challenge"),
            "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
}

TEST_F(SlackChatops, EveryRouteRefusesAForgedStaleUnsignedOrTamperedRequest) {
  const std::string body = fixture("url_verification.json");
  for (const std::string path :
       {"/api/v1/slack/events/", "/api/v1/slack/commands/", "/api/v1/slack/interactive/"}) {
    const std::string now = now_text();
    std::vector<std::pair<std::string, HttpResponse>> refused;
    refused.emplace_back(
        "bad signature",
        http_->request(
            "POST", path, body,
            {{"Content-Type", "application/json"},
             {"X-Slack-Request-Timestamp", now},
             {"X-Slack-Signature", security::slack_signature("not the secret", now, body)}}));
    // Signed correctly, but six minutes ago: a replay.
    const std::string stale = now_text(std::chrono::seconds(-360));
    refused.emplace_back("stale", send(path, body, "application/json", {}, stale));
    refused.emplace_back(
        "missing", http_->request("POST", path, body, {{"Content-Type", "application/json"}}));
    refused.emplace_back("tampered",
                         http_->request("POST", path, body + " ",
                                        {{"Content-Type", "application/json"},
                                         {"X-Slack-Request-Timestamp", now},
                                         {"X-Slack-Signature",
                                          security::slack_signature(kSigningSecret, now, body)}}));
    for (const auto& [what, response] : refused) {
      EXPECT_EQ(response.status, 401) << path << " " << what << ": " << response.body;
      EXPECT_FALSE(text_of(parsed(response.body), "error").empty()) << path << " " << what;
    }
  }
  EXPECT_TRUE(server_->calls().empty());
}

TEST_F(SlackChatops, IncidentListPostsTheOpenIncidentsWithTheirButtonsToTheResponseUrl) {
  const auto open = stack_->insert("Payments API returns 502", on_call_);
  const auto response = command("incident list", server_->slack_hooks_url("list"));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(text_of(parsed(response.body), "response_type"), "ephemeral");
  const auto posts = posts_to("list");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_NE(posts[0].find(open.short_id), std::string::npos) << posts[0];
  EXPECT_NE(posts[0].find("\"incident_acknowledge\""), std::string::npos) << posts[0];
  EXPECT_NE(posts[0].find("\"incident_resolve\""), std::string::npos) << posts[0];
  EXPECT_NE(posts[0].find(open.id), std::string::npos) << posts[0];
}

TEST_F(SlackChatops, IncidentCreateMakesTheIncidentThroughTheQueueAsTheSlackUser) {
  const std::string service = stack_->service(on_call_);
  const auto response = command("incident create Checkout latency doubled sev2 " + service,
                                server_->slack_hooks_url("create"));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(text_of(parsed(response.body), "response_type"), "ephemeral");
  const auto posts = posts_to("create");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_NE(posts[0].find("created by slack:roadrunner"), std::string::npos) << posts[0];
  const std::string id = stack_->sql(
      "SELECT id FROM incidents WHERE title = 'Checkout latency doubled' AND service_id = $1",
      {service});
  ASSERT_FALSE(id.empty());
  const auto incident = stack_->incident(id);
  EXPECT_EQ(text_of(incident, "severity"), "SEV2_HIGH");
  EXPECT_EQ(actor(id, "created_by"), "slack:roadrunner");
  // The orchestration started as for the REST API, and the war room's first
  // message carries the buttons.
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));
  bool buttons = false;
  for (const auto& call : server_->calls_to("/slack/api/chat.postMessage")) {
    buttons = buttons || (call.body.find("War room") != std::string::npos &&
                          call.body.find("\"incident_acknowledge\"") != std::string::npos &&
                          call.body.find(id) != std::string::npos);
  }
  EXPECT_TRUE(buttons);
}

TEST_F(SlackChatops, IncidentAckAndResolveMoveTheIncidentAndReportToTheResponseUrl) {
  const auto incident = stack_->insert("Search index stale", on_call_);
  ASSERT_EQ(command("incident ack " + incident.short_id, server_->slack_hooks_url("ack")).status,
            200);
  ASSERT_TRUE(status_becomes(incident.id, "ACKNOWLEDGED"));
  EXPECT_EQ(actor(incident.id, "acknowledged_by"), "slack:roadrunner");
  auto posts = posts_to("ack");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_NE(posts[0].find(incident.short_id + "* acknowledged by slack:roadrunner"),
            std::string::npos)
      << posts[0];

  ASSERT_EQ(command("incident resolve " + incident.id, server_->slack_hooks_url("resolve")).status,
            200);
  ASSERT_TRUE(status_becomes(incident.id, "RESOLVED"));
  EXPECT_EQ(actor(incident.id, "resolved_by"), "slack:roadrunner");
  EXPECT_EQ(posts_to("resolve").size(), 1u);

  // A move the incident's status forbids: the worker's reason reaches Slack.
  ASSERT_EQ(command("incident ack " + incident.short_id, server_->slack_hooks_url("late")).status,
            200);
  posts = posts_to("late");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_NE(posts[0].find("was not acknowledged: Incident is already resolved."), std::string::npos)
      << posts[0];
}

TEST_F(SlackChatops, HelpUnknownSubcommandsAndUnknownIncidentsAnswerAtOnce) {
  for (const std::string text : {"help", "incident page everyone", "", "incident ack"}) {
    const auto response = command(text, server_->slack_hooks_url("help"));
    ASSERT_EQ(response.status, 200) << text;
    EXPECT_NE(text_of(parsed(response.body), "text").find("/imas incident list"), std::string::npos)
        << text << ": " << response.body;
  }
  const auto unknown = command("incident resolve INC-NOPE00", server_->slack_hooks_url("help"));
  EXPECT_NE(text_of(parsed(unknown.body), "text").find("No incident"), std::string::npos)
      << unknown.body;
  EXPECT_TRUE(server_->calls_to("/slack/hooks/help").empty());
}

TEST_F(SlackChatops, AResponseUrlOutsideTheAllowedHostsIsRefused) {
  const auto response = command("incident list", "http://10.1.2.3/slack/hooks/x");
  EXPECT_EQ(response.status, 400) << response.body;
}

// Hostile but valid input, signed: refused 400 in the IMAS format or answered
// with an ephemeral message, never 500, and nothing quoted back at length.
TEST_F(SlackChatops, HostileInputIsRefusedOrAnsweredNeverAFailure) {
  const std::string long_text(10000, 'x');
  auto response = command("incident create " + long_text + " svc", server_->slack_hooks_url("h"));
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_LT(response.body.size(), 2000u);
  response = command(long_text, server_->slack_hooks_url("h"));
  EXPECT_EQ(response.status, 200);
  EXPECT_LT(response.body.size(), 2000u);
  response = command("incident ack " + long_text, server_->slack_hooks_url("h"));
  EXPECT_EQ(response.status, 200);
  EXPECT_LT(response.body.size(), 2000u);

  const auto refused = [&](const HttpResponse& r, const std::string& what) {
    EXPECT_EQ(r.status, 400) << what << ": " << r.body;
    EXPECT_FALSE(text_of(parsed(r.body), "error").empty()) << what << ": " << r.body;
  };
  refused(send("/api/v1/slack/commands/",
               replaced(fixture("slash_command.txt"),
                        {{"TEXT", "incident%00list"},
                         {"RESPONSE_URL", form_escape(server_->slack_hooks_url("h"))}}),
               "application/x-www-form-urlencoded"),
          "a NUL in the text");
  refused(interact(std::string(5000, '[') + std::string(5000, ']')), "deep nesting");
  refused(interact("not json"), "a payload that is not JSON");
  refused(send("/api/v1/slack/interactive/", "nothing=here", "application/x-www-form-urlencoded"),
          "no payload");
  refused(send("/api/v1/slack/events/", R"({"type":"event_callback","event_id":1e999999})",
               "application/json"),
          "a huge number");
  refused(send("/api/v1/slack/events/", "[1,2,3]", "application/json"), "not an object");
  // A button naming no incident, or nonsense.
  const auto gone = click("incident_resolve", long_text, server_->slack_hooks_url("h"));
  EXPECT_EQ(gone.status, 200) << gone.body;
  EXPECT_TRUE(server_->calls_to("/slack/hooks/h").empty());
}

TEST_F(SlackChatops, TheButtonsAcknowledgeAndResolve) {
  const auto incident = stack_->insert("Queue consumers stuck", on_call_);
  ASSERT_EQ(
      click("incident_acknowledge", incident.id, server_->slack_hooks_url("button-ack")).status,
      200);
  ASSERT_TRUE(status_becomes(incident.id, "ACKNOWLEDGED"));
  EXPECT_EQ(actor(incident.id, "acknowledged_by"), "slack:jtorrance");
  EXPECT_EQ(posts_to("button-ack").size(), 1u);
  ASSERT_EQ(
      click("incident_resolve", incident.id, server_->slack_hooks_url("button-resolve")).status,
      200);
  ASSERT_TRUE(status_becomes(incident.id, "RESOLVED"));
  EXPECT_EQ(posts_to("button-resolve").size(), 1u);
}

TEST_F(SlackChatops, CreateWithoutWordsOpensTheModal) {
  stack_->service(on_call_);
  ASSERT_EQ(command("incident create", server_->slack_hooks_url("modal")).status, 200);
  ASSERT_TRUE(eventually([&] { return !server_->calls_to("/slack/api/views.open").empty(); }));
  const auto call = server_->calls_to("/slack/api/views.open").front();
  EXPECT_NE(call.body.find("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"),
            std::string::npos);
  EXPECT_NE(call.body.find("\"incident_create\""), std::string::npos) << call.body;
}

TEST_F(SlackChatops, TheModalsSubmissionAnswersFieldErrorsOrCreatesTheIncident) {
  const std::string service = stack_->service(on_call_);
  const auto refused =
      interact(replaced(fixture("view_submission.json"),
                        {{"TITLE", ""}, {"SEVERITY", "SEV1_CRITICAL"}, {"SERVICE", service}}));
  ASSERT_EQ(refused.status, 200) << refused.body;
  const auto errors = parsed(refused.body);
  EXPECT_EQ(text_of(errors, "response_action"), "errors");
  ASSERT_TRUE(errors.HasMember("errors"));
  EXPECT_FALSE(text_of(errors["errors"], "title_block").empty()) << refused.body;
  const auto unknown_service =
      interact(replaced(fixture("view_submission.json"), {{"TITLE", "Disk full"},
                                                          {"SEVERITY", "SEV1_CRITICAL"},
                                                          {"SERVICE", envelope::new_task_id()}}));
  EXPECT_FALSE(text_of(parsed(unknown_service.body)["errors"], "service_block").empty())
      << unknown_service.body;

  const auto accepted = interact(replaced(
      fixture("view_submission.json"),
      {{"TITLE", "Disk full on db-3"}, {"SEVERITY", "SEV1_CRITICAL"}, {"SERVICE", service}}));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_TRUE(accepted.body.empty()) << accepted.body;
  std::string id;
  ASSERT_TRUE(eventually([&] {
    id = stack_->sql("SELECT id FROM incidents WHERE title = 'Disk full on db-3'");
    return !id.empty();
  }));
  EXPECT_EQ(text_of(stack_->incident(id), "severity"), "SEV1_CRITICAL");
  EXPECT_EQ(actor(id, "created_by"), "slack:jtorrance");
  // The outcome goes to the user as a direct message.
  EXPECT_TRUE(eventually([&] {
    for (const auto& call : server_->calls_to("/slack/api/chat.postMessage")) {
      if (call.body.find("\"UA8RXUSPL\"") != std::string::npos &&
          call.body.find("Disk full on db-3") != std::string::npos) {
        return true;
      }
    }
    return false;
  }));
}

TEST_F(SlackChatops, AnAppMentionIsAnsweredInItsThreadOnceThoughSlackRetriesIt) {
  const auto channel = server_->slack_channels({"incidents-chat"}).at("incidents-chat");
  stack_->insert("Login page blank", on_call_);
  const std::string first =
      replaced(fixture("app_mention.json"), {{"CHANNEL", channel}, {"EVENT_ID", "Ev0RETRIED1"}});
  ASSERT_EQ(send("/api/v1/slack/events/", first, "application/json").status, 200);
  const std::string task = envelope::idempotent_task_id("slack-event:T123ABC456", "Ev0RETRIED1");
  ASSERT_TRUE(stack_->task_reaches(task, "succeeded"));
  // Slack's retry of the same event, then another event: once the other is
  // answered, the retry has been through the worker before it.
  ASSERT_EQ(send("/api/v1/slack/events/", first, "application/json",
                 {{"X-Slack-Retry-Num", "1"}, {"X-Slack-Retry-Reason", "http_timeout"}})
                .status,
            200);
  const std::string other =
      replaced(fixture("app_mention.json"), {{"CHANNEL", channel}, {"EVENT_ID", "Ev0OTHER002"}});
  ASSERT_EQ(send("/api/v1/slack/events/", other, "application/json").status, 200);
  ASSERT_TRUE(stack_->task_reaches(
      envelope::idempotent_task_id("slack-event:T123ABC456", "Ev0OTHER002"), "succeeded"));
  // (An earlier test's war room may still post its first message meanwhile, to
  // a channel id the reset server hands out again: only answers in the
  // mention's thread count.)
  std::vector<RecordedCall> posts;
  std::string all;
  for (auto& call : server_->calls_to("/slack/api/chat.postMessage")) {
    all += call.body + "\n";
    if (call.body.find("\"channel\":\"" + channel + "\"") != std::string::npos &&
        call.body.find("\"thread_ts\":\"1515449522.000016\"") != std::string::npos) {
      posts.push_back(call);
    }
  }
  ASSERT_EQ(posts.size(), 2u) << all;  // one per event, none for the retry
  EXPECT_NE(posts[0].body.find("\"thread_ts\":\"1515449522.000016\""), std::string::npos)
      << posts[0].body;
  EXPECT_NE(posts[0].body.find("Login page blank"), std::string::npos) << posts[0].body;
}

}  // namespace
}  // namespace switchyard::testing
