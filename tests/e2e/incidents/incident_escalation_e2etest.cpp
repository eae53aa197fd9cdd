// Escalation end to end (docs/incidents.md, "Escalation"): a service's policy set
// through PUT /api/v1/services/{id}/escalation-policy/, incidents created through
// the API and through alert intake, and a real worker running each level as a
// delayed incident_orchestration.escalate task against a recording server playing
// the on-call notifier and Slack. Levels wait 0 and 2 s, so a case takes seconds.
#include <gtest/gtest.h>

#include "orchestration_stack.hpp"
#include "recording_server.hpp"
#include "storage/incidents/escalation_repository.hpp"
#include "task_api_client.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using namespace std::chrono_literals;
using Headers = std::map<std::string, std::string>;

constexpr const char* kUnknownId = "0190f2a4-0000-7000-8000-00000000beef";

struct EscalationEntry {
  std::string state;
  int level = 0;  // 0 for the stop and the end
  std::string message;
};

class IncidentEscalation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    dir_->write("alerts.yaml", "sources:\n  alertmanager: {allow_unauthenticated: true}\n");
    server_ = new RecordingServer("incident_escalation_e2e");
    stack_ = new OrchestrationStack(
        "incident_escalation_e2e", {{"ALERTS_CONFIG_FILE", (dir_->path() / "alerts.yaml").string()},
                                    {"SLACK_API_URL", server_->slack_api_url()},
                                    {"SLACK_BOT_TOKEN", "xoxb-escalation"},
                                    {"ONCALL_NOTIFY_URL", server_->notify_url()}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    delete server_;
    delete dir_;
  }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = {}, const Headers& headers = admin_headers()) {
    HttpClient http(stack_->stack().base_url());
    return http.request(method, path, body, headers);
  }

  // A service whose owner team has `on_call` on call, with this policy (`levels`
  // JSON); its id.
  std::string service_with_policy(const std::string& on_call, const std::string& levels) {
    const std::string service = stack_->service(on_call);
    const auto stored = call("PUT", "/api/v1/services/" + service + "/escalation-policy/",
                             R"({"levels":)" + levels + "}");
    EXPECT_EQ(stored.status, 200) << stored.body;
    return service;
  }

  std::string create_incident(const std::string& service) {
    const auto created = call("POST", "/api/v1/incidents/",
                              R"({"title":"Checkout is down","service":")" + service +
                                  R"(","severity":"SEV1_CRITICAL"})");
    EXPECT_EQ(created.status, 201) << created.body;
    return created.status == 201 ? parse_json(created.body)["id"].GetString() : "";
  }

  std::vector<EscalationEntry> escalations(const std::string& incident) {
    std::vector<EscalationEntry> out;
    const auto detail = stack_->incident(incident);
    if (!detail.IsObject() || !detail.HasMember("timeline")) return out;
    for (const auto& entry : detail["timeline"].GetArray()) {
      if (std::string(entry["type"].GetString()) != "ESCALATION") continue;
      EXPECT_TRUE(entry["author"].IsNull()) << "the platform writes escalation entries";
      const auto& data = entry["data"];
      out.push_back({data["state"].GetString(),
                     data.HasMember("level") ? data["level"].GetInt() : 0,
                     entry["message"].GetString()});
    }
    return out;
  }

  bool has_entry(const std::string& incident, const std::string& state, int level) {
    return eventually(
        [&] {
          for (const auto& e : escalations(incident)) {
            if (e.state == state && e.level == level) return true;
          }
          return false;
        },
        20s);
  }

  // The notifier's calls for this incident's level `level`.
  std::vector<RecordedCall> notified(const std::string& incident, int level) {
    std::vector<RecordedCall> out;
    for (const auto& c : server_->calls_to("/notify")) {
      if (c.header("idempotency-key") == incident + "-escalation-" + std::to_string(level)) {
        out.push_back(c);
      }
    }
    return out;
  }

  std::string task_status(const std::string& incident, int level) {
    return stack_->sql("SELECT status FROM tasks WHERE id = $1::uuid",
                       {storage::incidents::escalation_task_id(incident, level)});
  }

  static TempDir* dir_;
  static RecordingServer* server_;
  static OrchestrationStack* stack_;
};

TempDir* IncidentEscalation::dir_ = nullptr;
RecordingServer* IncidentEscalation::server_ = nullptr;
OrchestrationStack* IncidentEscalation::stack_ = nullptr;

constexpr const char* kTwoLevels =
    R"([{"wait_seconds":0,"targets":[{"type":"owner_on_call"}]},
        {"wait_seconds":2,"targets":[{"type":"user","email":"boss@example.test"}]}])";

TEST_F(IncidentEscalation, AnUnacknowledgedIncidentReachesLevelTwoAfterItsWaitAndStopsThere) {
  const std::string alice = stack_->user("alice");
  const std::string incident = create_incident(service_with_policy(alice, kTwoLevels));
  ASSERT_TRUE(has_entry(incident, "notified", 2)) << "level 2 never ran";

  const auto first = notified(incident, 1);
  const auto second = notified(incident, 2);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  // Level 1 names the owner team's on-call, level 2 the person by email, each
  // with the level; level 2 not before its wait.
  EXPECT_NE(first[0].body.find("alice@example.test"), std::string::npos) << first[0].body;
  EXPECT_NE(first[0].body.find(R"("escalation":{"level":1,"levels":2})"), std::string::npos)
      << first[0].body;
  EXPECT_NE(second[0].body.find("boss@example.test"), std::string::npos) << second[0].body;
  EXPECT_GE(second[0].at - first[0].at, 1.9);
  // The incident's members are those of the orchestration's notify step: a
  // notifier reads one shape.
  const auto step = [&] {
    for (const auto& c : server_->calls_to("/notify")) {
      if (c.header("idempotency-key") == incident + "-notify") return parse_json(c.body);
    }
    return parse_json("{}");
  }();
  ASSERT_TRUE(step.HasMember("incident_id")) << "the notify step never called the notifier";
  const auto level_one = parse_json(first[0].body);
  for (const char* member : {"incident_id", "short_id", "title", "description", "severity",
                             "status", "service", "created_at", "link"}) {
    ASSERT_TRUE(level_one.HasMember(member)) << member;
    EXPECT_EQ(level_one[member], step[member]) << member;
  }

  // Slack: a direct message to each level's person.
  int direct_messages = 0;
  for (const auto& c : server_->calls_to("/slack/api/chat.postMessage")) {
    if (c.body.find("Escalation, level") != std::string::npos) ++direct_messages;
  }
  EXPECT_GE(direct_messages, 2);

  const auto entries = escalations(incident);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_NE(entries[0].message.find("Escalation level 1 of 2: alice (on call for Team"),
            std::string::npos)
      << entries[0].message;
  EXPECT_NE(entries[1].message.find("boss@example.test"), std::string::npos) << entries[1].message;
  EXPECT_NE(entries[1].message.find("last level"), std::string::npos) << entries[1].message;

  // The chain ends after the last level: level 2 asked for no follow-up.
  EXPECT_TRUE(eventually([&] { return task_status(incident, 2) == "succeeded"; }));
  EXPECT_EQ(stack_->sql("SELECT count(*) FROM task_follow_ups WHERE task_id = $1::uuid",
                        {storage::incidents::escalation_task_id(incident, 2)}),
            "0");
  EXPECT_EQ(task_status(incident, 3), "");
}

TEST_F(IncidentEscalation, AnAcknowledgementBeforeTheWaitStopsTheEscalation) {
  const std::string bob = stack_->user("bob");
  const std::string incident = create_incident(service_with_policy(bob, kTwoLevels));
  ASSERT_TRUE(has_entry(incident, "notified", 1));
  const auto acknowledged =
      call("POST", "/api/v1/incidents/" + incident + "/acknowledge/", R"({"message":"on it"})");
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;

  ASSERT_TRUE(has_entry(incident, "stopped", 0)) << "no \"Escalation stopped\" entry";
  EXPECT_TRUE(eventually([&] { return task_status(incident, 2) == "succeeded"; }));
  EXPECT_TRUE(notified(incident, 2).empty()) << "level 2 was notified after the acknowledgement";
  const auto entries = escalations(incident);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].message,
            "Escalation stopped: the incident is acknowledged, level 2 not notified");
}

TEST_F(IncidentEscalation, AnAlertsIncidentEscalatesToo) {
  const std::string carol = stack_->user("carol");
  const std::string service =
      service_with_policy(carol, R"([{"targets":[{"type":"user","email":"pager@example.test"}]}])");
  const std::string name =
      stack_->sql("SELECT name FROM incident_services WHERE id = $1::uuid", {service});
  const std::string alert =
      R"({"version":"4","status":"firing","receiver":"default","groupLabels":{},"commonLabels":{},)"
      R"("alerts":[{"status":"firing","labels":{"alertname":"DiskFull","severity":"critical",)"
      R"("service":")" +
      name +
      R"("},"annotations":{"summary":"Disk full"},)"
      R"("startsAt":"2026-02-06T13:08:45.828Z","fingerprint":"escalation-e2e-1"}]})";
  ASSERT_EQ(
      call("POST", "/api/v1/webhooks/alertmanager/", alert, {{"Content-Type", "application/json"}})
          .status,
      202);
  std::string incident;
  ASSERT_TRUE(eventually(
      [&] {
        incident = stack_->sql("SELECT id FROM incidents WHERE service_id = $1::uuid", {service});
        return !incident.empty();
      },
      20s));
  ASSERT_TRUE(has_entry(incident, "notified", 1));
  const auto calls = notified(incident, 1);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_NE(calls[0].body.find("pager@example.test"), std::string::npos) << calls[0].body;
}

TEST_F(IncidentEscalation, AServiceWithoutAPolicyDoesNotEscalate) {
  const std::string dave = stack_->user("dave");
  const std::string incident = create_incident(stack_->service(dave));
  ASSERT_TRUE(stack_->workflow_reaches(incident, "succeeded"));
  // The creation committed with its follow-ups: none.
  EXPECT_EQ(stack_->sql("SELECT count(*) FROM task_follow_ups "
                        "WHERE envelope -> 'payload' ->> 'incident_id' = $1",
                        {incident}),
            "0");
  EXPECT_TRUE(escalations(incident).empty());
}

TEST_F(IncidentEscalation, ThePolicyAPIValidatesGuardsAndFindsItsService) {
  const std::string service = stack_->service("");
  const std::string path = "/api/v1/services/" + service + "/escalation-policy/";
  EXPECT_EQ(call("GET", path).status, 404) << "no policy yet";

  // Validation: 400 in the IMAS format, each bad field named whole.
  const auto bad = call("PUT", path, R"({"levels":[{"wait_seconds":86401,"targets":[]}]})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  const auto details = parse_json(bad.body);
  EXPECT_STREQ(details["error"].GetString(), "Validation failed");
  EXPECT_TRUE(details["details"].HasMember("levels.0.wait_seconds")) << bad.body;
  EXPECT_TRUE(details["details"].HasMember("levels.0.targets")) << bad.body;
  const auto no_team =
      call("PUT", path,
           std::string(R"({"levels":[{"targets":[{"type":"team_on_call","team":")") + kUnknownId +
               R"("}]}]})");
  ASSERT_EQ(no_team.status, 400) << no_team.body;
  EXPECT_STREQ(parse_json(no_team.body)["details"]["levels.0.targets.0.team"][0].GetString(),
               "Team with this ID does not exist.");
  EXPECT_EQ(call("PUT", path, "{not json").status, 400);

  // Stored, shown with and without the trailing slash, replaced whole.
  const auto stored = call("PUT", path, std::string(R"({"levels":)") + kTwoLevels + "}");
  ASSERT_EQ(stored.status, 200) << stored.body;
  const auto shown = parse_json(call("GET", path.substr(0, path.size() - 1)).body);
  ASSERT_TRUE(shown.IsObject());
  EXPECT_STREQ(shown["service"]["id"].GetString(), service.c_str());
  ASSERT_EQ(shown["levels"].Size(), 2u);
  EXPECT_EQ(shown["levels"][1]["wait_seconds"].GetInt(), 2);

  // A plain user reads it but cannot change it.
  ASSERT_EQ(
      call("POST", "/auth/register",
           R"({"email":"plain@example.com","username":"plain","password":"SecurePassword123!"})",
           {{"Content-Type", "application/json"}})
          .status,
      201);
  const auto token =
      call("POST", "/api/auth/token/", R"({"username":"plain","password":"SecurePassword123!"})",
           {{"Content-Type", "application/json"}});
  ASSERT_EQ(token.status, 200) << token.body;
  const Headers user = {
      {"Authorization", "Token " + std::string(parse_json(token.body)["token"].GetString())},
      {"Content-Type", "application/json"}};
  EXPECT_EQ(call("GET", path, {}, user).status, 200);
  EXPECT_EQ(call("PUT", path, std::string(R"({"levels":)") + kTwoLevels + "}", user).status, 403);
  EXPECT_EQ(call("DELETE", path, {}, user).status, 403);
  EXPECT_EQ(call("GET", path, {}, {}).status, 401);

  // An unknown or malformed service is 404 for every method.
  for (const std::string& id : {std::string(kUnknownId), std::string("nope")}) {
    const std::string other = "/api/v1/services/" + id + "/escalation-policy/";
    EXPECT_EQ(call("GET", other).status, 404) << id;
    EXPECT_EQ(call("PUT", other, std::string(R"({"levels":)") + kTwoLevels + "}").status, 404)
        << id;
    EXPECT_EQ(call("DELETE", other).status, 404) << id;
  }

  EXPECT_EQ(call("DELETE", path).status, 204);
  EXPECT_EQ(call("GET", path).status, 404);
  EXPECT_EQ(call("DELETE", path).status, 404);
}

}  // namespace
}  // namespace switchyard::testing
