// The alert intake end to end (docs/alerts.md): the real payloads of
// Alertmanager, Grafana, Datadog, PagerDuty and the document's generic webhook
// (tests/fixtures/alerts) posted to a running API, through the real broker to a
// real worker, which opens, repeats and resolves incidents in PostgreSQL; the
// orchestration of an alert's incident runs against a recording server. Sources
// here: alertmanager and datadog open; grafana signing its requests as its
// webhook contact point's "HMAC Signature" does, with a timestamp header;
// generic closed behind ALERTS_GENERIC_SECRET; events_v2 behind its routing key.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "orchestration_stack.hpp"
#include "recording_server.hpp"
#include "security/webhook_signature.hpp"
#include "task_api_client.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kGenericSecret = "generic-test-secret";
constexpr const char* kRoutingKey = "samplekeyhere";

std::string fixture(const std::string& name) {
  std::ifstream in(source_dir() + "/tests/fixtures/alerts/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

class AlertIntake : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    dir_->write("alerts.yaml", R"(catch_all_service: Unrouted alerts
sources:
  alertmanager: {allow_unauthenticated: true}
  grafana:
    allow_unauthenticated: true  # the signature is required all the same
    signature: {secret: grafana-signing-secret, timestamp_header: X-Grafana-Alerting-Timestamp}
  datadog: {allow_unauthenticated: true, default_service: Datadog default}
  generic: {allow_unauthenticated: false}
  events_v2: {secret: samplekeyhere, allow_unauthenticated: false, auto_resolve: true}
)");
    server_ = new RecordingServer("alert_intake_e2e");
    stack_ = new OrchestrationStack(
        "alert_intake_e2e", {{"ALERTS_CONFIG_FILE", (dir_->path() / "alerts.yaml").string()},
                             {"ALERTS_GENERIC_SECRET", kGenericSecret},
                             {"SLACK_API_URL", server_->slack_api_url()},
                             {"SLACK_BOT_TOKEN", "xoxb-alerts"},
                             {"INCIDENT_DOCS_URL", server_->docs_url()},
                             {"ONCALL_NOTIFY_URL", server_->notify_url()}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    delete server_;
    delete dir_;
  }

  HttpResponse post(const std::string& path, const std::string& body,
                    std::map<std::string, std::string> headers = {}) {
    HttpClient http(stack_->stack().base_url());
    headers["Content-Type"] = "application/json";
    return http.request("POST", path, body, headers);
  }

  // The newest group of (source, fingerprint), once its alert_count reaches `count`:
  // its incident's id ("" when it never does).
  std::string incident_after(const std::string& source, const std::string& fingerprint, int count) {
    std::string id;
    eventually(
        [&] {
          id = stack_->sql(
              "SELECT incident_id FROM incident_alert_groups WHERE source = $1 AND fingerprint = "
              "$2 "
              "AND alert_count >= $3::int ORDER BY id DESC LIMIT 1",
              {source, fingerprint, std::to_string(count)});
          return !id.empty();
        },
        20s);
    return id;
  }
  std::string column(const std::string& incident, const std::string& expression) {
    return stack_->sql("SELECT " + expression + " FROM incidents i WHERE i.id = $1::uuid",
                       {incident});
  }
  bool status_becomes(const std::string& incident, const std::string& status) {
    return eventually([&] { return column(incident, "status") == status; }, 20s);
  }
  std::string service_name(const std::string& incident) {
    return column(incident, "(SELECT name FROM incident_services s WHERE s.id = i.service_id)");
  }
  // A number the management API tells of `queue`: messages_ready (not yet
  // delivered to a consumer), consumers; -1 when it does not tell.
  int queue_stat(const std::string& queue, const char* field) {
    const std::string broker = stack_->stack().broker_url();
    HttpClient management(test_management_url());
    const auto r = management.request(
        "GET", "/api/queues/" + broker.substr(broker.rfind('/') + 1) + "/" + queue);
    if (r.status != 200) return -1;
    const auto body = parse_json(r.body);
    return body.HasMember(field) && body[field].IsInt() ? body[field].GetInt() : -1;
  }
  int count_of(const std::string& statement, const std::vector<std::string>& params) {
    return std::stoi(stack_->sql(statement, params));
  }

  static TempDir* dir_;
  static RecordingServer* server_;
  static OrchestrationStack* stack_;
};

TempDir* AlertIntake::dir_ = nullptr;
RecordingServer* AlertIntake::server_ = nullptr;
OrchestrationStack* AlertIntake::stack_ = nullptr;

TEST_F(AlertIntake, AnAlertmanagerMessageOpensOneIncidentRepeatsAttachToItAndResolvedResolvesIt) {
  const std::string firing = fixture("alertmanager_firing.json");
  const auto first = post("/api/v1/webhooks/alertmanager/", firing);
  ASSERT_EQ(first.status, 202) << first.body;
  EXPECT_EQ(parse_json(first.body)["alerts"].GetInt(), 1);
  const std::string id = incident_after("alertmanager", "1a30ba71cca2921f", 1);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(column(id, "title"), "BlackBox Probe Failure: https://server.example.org");
  EXPECT_EQ(column(id, "severity"), "SEV1_CRITICAL");  // severity=critical
  EXPECT_EQ(service_name(id), "Unrouted alerts");      // no service label: the catch-all, created
  EXPECT_EQ(column(id, "status"), "TRIGGERED");

  // Without the trailing slash too; the repeat joins the open incident.
  ASSERT_EQ(post("/api/v1/webhooks/alertmanager", firing).status, 202);
  ASSERT_EQ(incident_after("alertmanager", "1a30ba71cca2921f", 2), id);
  EXPECT_EQ(count_of("SELECT count(*) FROM incident_alert_groups WHERE fingerprint = $1",
                     {"1a30ba71cca2921f"}),
            1);
  EXPECT_EQ(stack_->sql("SELECT message FROM incident_timeline WHERE incident_id = $1::uuid AND "
                        "type = 'ALERT' ORDER BY created_at DESC LIMIT 1",
                        {id}),
            "Alert repeated (2 alerts so far)");

  ASSERT_EQ(post("/api/v1/webhooks/alertmanager/", fixture("alertmanager_resolved.json")).status,
            202);
  ASSERT_TRUE(status_becomes(id, "RESOLVED"));
  // Firing again after the resolution is a new incident.
  ASSERT_EQ(post("/api/v1/webhooks/alertmanager/", firing).status, 202);
  ASSERT_TRUE(eventually(
      [&] {
        const std::string newest = incident_after("alertmanager", "1a30ba71cca2921f", 1);
        return !newest.empty() && newest != id;
      },
      20s));
}

TEST_F(AlertIntake, AnAlertsIncidentRunsTheOrchestrationLikeAnyIncident) {
  const std::string id = [&] {
    EXPECT_EQ(post("/api/v1/webhooks/alertmanager/", replaced(fixture("alertmanager_firing.json"),
                                                              "1a30ba71cca2921f", "orchestrated-1"))
                  .status,
              202);
    return incident_after("alertmanager", "orchestrated-1", 1);
  }();
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(stack_->workflow_reaches(id, "succeeded") || stack_->workflow_reaches(id, "failed"));
  EXPECT_EQ(stack_->workflow(id)["steps"].Size(), 3u);
}

TEST_F(AlertIntake, AGrafanaMessageNeedsItsSignatureAndItsTwoAlertsMakeTwoIncidents) {
  const std::string body = fixture("grafana_firing.json");
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  const auto signed_at = [&](std::chrono::seconds at, const std::string& signed_body) {
    const std::string stamp = std::to_string(at.count());
    return std::map<std::string, std::string>{
        {"X-Grafana-Alerting-Timestamp", stamp},
        {"X-Grafana-Alerting-Signature",
         security::webhook_signature("grafana-signing-secret", stamp, signed_body)}};
  };
  const auto refused = [&](const std::map<std::string, std::string>& headers) {
    const auto r = post("/api/v1/webhooks/grafana/", body, headers);
    EXPECT_EQ(r.status, 401) << r.body;
    return parse_json(r.body)["error"].GetString();
  };
  EXPECT_STREQ(refused({}), "Missing webhook signature.");
  EXPECT_STREQ(refused({{"X-Grafana-Alerting-Signature", "00"}}), "Missing webhook signature.");
  EXPECT_STREQ(refused(signed_at(now - 600s, body)), "Stale webhook timestamp.");
  EXPECT_STREQ(refused(signed_at(now, body + " ")), "Invalid webhook signature.");
  auto wrong_secret = signed_at(now, body);
  wrong_secret["X-Grafana-Alerting-Signature"] = security::webhook_signature(
      "another-signing-secret", wrong_secret["X-Grafana-Alerting-Timestamp"], body);
  EXPECT_STREQ(refused(wrong_secret), "Invalid webhook signature.");

  const auto answer = post("/api/v1/webhooks/grafana/", body, signed_at(now, body));
  ASSERT_EQ(answer.status, 202) << answer.body;
  EXPECT_EQ(parse_json(answer.body)["alerts"].GetInt(), 2);
  const std::string memory = incident_after("grafana", "c6eadffa33fcdf37", 1);
  const std::string cpu = incident_after("grafana", "bc97ff14869b13e3", 1);
  ASSERT_FALSE(memory.empty());
  ASSERT_FALSE(cpu.empty());
  EXPECT_NE(memory, cpu);
  EXPECT_EQ(column(memory, "title"), "This alert was triggered for zone us-1");
  EXPECT_EQ(column(memory, "severity"), "SEV3_MEDIUM");  // no severity label: the default
}

TEST_F(AlertIntake, ADatadogAlertFindsItsServiceByTagAndItsRecoveryResolvesIt) {
  stack_->sql("INSERT INTO incident_services (id, name) VALUES (gen_random_uuid(), 'web-app')");
  ASSERT_EQ(post("/api/v1/webhooks/datadog/", fixture("datadog_triggered.json")).status, 202);
  const std::string id = incident_after("datadog", "1234567890", 1);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(service_name(id), "web-app");
  EXPECT_EQ(column(id, "severity"), "SEV1_CRITICAL");  // alert_type error
  EXPECT_EQ(column(id, "title"), "High CPU on web-server-01");
  ASSERT_EQ(post("/api/v1/webhooks/datadog/", fixture("datadog_recovered.json")).status, 202);
  EXPECT_TRUE(status_becomes(id, "RESOLVED"));
}

TEST_F(AlertIntake, AGenericAlertNeedsItsSecretAndMapsHighToSev2) {
  const std::string body = fixture("generic.json");
  const auto missing = post("/api/v1/webhooks/generic/", body);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(std::string(parse_json(missing.body)["error"].GetString()),
            "Authentication credentials were not provided.");
  const auto wrong = post("/api/v1/webhooks/generic/", body, {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(std::string(parse_json(wrong.body)["error"].GetString()), "Invalid credentials");

  const auto good = post("/api/v1/webhooks/generic/", body,
                         {{"Authorization", std::string("Token ") + kGenericSecret}});
  ASSERT_EQ(good.status, 202) << good.body;
  EXPECT_EQ(good.header("x-ratelimit-limit"), "100");
  EXPECT_TRUE(eventually(
      [&] {
        return !stack_
                    ->sql(
                        "SELECT 1 FROM incidents WHERE title = 'Custom Alert' AND severity = "
                        "'SEV2_HIGH'")
                    .empty();
      },
      20s));
}

TEST_F(AlertIntake, APagerDutyEventIsAnsweredAsPagerDutyDoesThenAcknowledgedAndResolved) {
  const auto answer = post("/api/v1/webhooks/events/v2/", fixture("pagerduty_trigger.json"));
  ASSERT_EQ(answer.status, 202) << answer.body;
  const auto body = parse_json(answer.body);
  EXPECT_EQ(std::string(body["status"].GetString()), "success");
  EXPECT_EQ(std::string(body["message"].GetString()), "Event processed");
  EXPECT_EQ(std::string(body["dedup_key"].GetString()), "samplekeyhere");
  const std::string id = incident_after("events_v2", "samplekeyhere", 1);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(column(id, "severity"), "SEV4_LOW");  // info
  EXPECT_EQ(column(id, "title"), "Example alert on host1.example.com");

  const std::string ack =
      R"({"routing_key":"samplekeyhere","dedup_key":"samplekeyhere","event_action":"acknowledge"})";
  ASSERT_EQ(post("/api/v1/webhooks/events/v2", ack).status, 202);
  EXPECT_TRUE(status_becomes(id, "ACKNOWLEDGED"));
  const std::string resolve = replaced(ack, "acknowledge", "resolve");
  ASSERT_EQ(post("/api/v1/webhooks/events/v2/", resolve).status, 202);
  EXPECT_TRUE(status_becomes(id, "RESOLVED"));

  const auto forged =
      post("/api/v1/webhooks/events/v2/",
           replaced(fixture("pagerduty_trigger.json"), "\"routing_key\": \"samplekeyhere\"",
                    "\"routing_key\": \"guessed\""));
  EXPECT_EQ(forged.status, 401) << forged.body;
}

TEST_F(AlertIntake, TwoIdenticalAlertsArrivingTogetherOnSeveralWorkersMakeOneIncident) {
  // Two more workers: the copies are spread over three consumers, so they are
  // claimed in different transactions at the same moment.
  std::vector<std::unique_ptr<ChildProcess>> workers;
  workers.push_back(stack_->stack().start_process("switchyard-worker", "worker-race-1"));
  workers.push_back(stack_->stack().start_process("switchyard-worker", "worker-race-2"));
  // Consuming, not only alive: a worker stopped before it subscribed would leave
  // its share of the copies in the queue.
  ASSERT_TRUE(eventually([&] { return queue_stat("tasks.alerts", "consumers") >= 3; }, 30s));
  // All three hold still while the copies are delivered to them, then go at once:
  // each starts its window with copies of the same new alert.
  std::vector<pid_t> pids{stack_->stack().workers()[0]->pid(), workers[0]->pid(),
                          workers[1]->pid()};
  for (pid_t pid : pids) ::kill(pid, SIGSTOP);
  // Each message holds 25 copies of one alert (one task each, published together).
  constexpr int kCopies = 25;
  std::string message = R"({"status":"firing","alerts":[)";
  for (int i = 0; i < kCopies; ++i) {
    message += std::string(i ? "," : "") +
               R"({"status":"firing","fingerprint":"race-1","labels":{"alertname":"Race alert"}})";
  }
  message += "]}";
  constexpr int kThreads = 4;
  constexpr int kEach = 3;
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      HttpClient http(stack_->stack().base_url());
      for (int i = 0; i < kEach; ++i) {
        const auto r = http.request("POST", "/api/v1/webhooks/alertmanager/", message,
                                    {{"Content-Type", "application/json"}});
        if (r.status == 202) ++accepted;
      }
    });
  }
  for (auto& t : threads) t.join();
  const bool delivered =
      eventually([&] { return queue_stat("tasks.alerts", "messages_ready") == 0; }, 20s);
  for (pid_t pid : pids) ::kill(pid, SIGCONT);
  ASSERT_TRUE(delivered);
  ASSERT_EQ(accepted.load(), kThreads * kEach);
  const std::string total = std::to_string(kThreads * kEach * kCopies);
  EXPECT_TRUE(eventually(
      [&] {
        return stack_->sql(
                   "SELECT sum(alert_count) FROM incident_alert_groups "
                   "WHERE fingerprint = 'race-1'") == total;
      },
      30s))
      << stack_->sql(
             "SELECT sum(alert_count) FROM incident_alert_groups WHERE fingerprint = 'race-1'");
  EXPECT_EQ(count_of("SELECT count(*) FROM incident_alert_groups WHERE fingerprint = 'race-1'", {}),
            1);
  EXPECT_EQ(count_of("SELECT count(*) FROM incidents WHERE title = 'Race alert'", {}), 1);
}

TEST_F(AlertIntake, BadPayloadsAnswer400InTheImasFormat) {
  const std::string path = "/api/v1/webhooks/alertmanager/";
  const auto not_json = post(path, "{\"alerts\": [");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_TRUE(parse_json(not_json.body).HasMember("error"));
  const auto missing = post(path, R"({"status":"firing"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(std::string(parse_json(missing.body)["details"]["alerts"][0].GetString()),
            "This field is required.");
  EXPECT_EQ(post(path, R"({"alerts": {"a": 1}})").status, 400);
  EXPECT_EQ(post(path, R"({"alerts": [{"labels": "x"}]})").status, 400);
  EXPECT_EQ(post(path, R"({"alerts": [{"labels": {"alertname": "a\u0000b"}}]})").status, 400);
  EXPECT_EQ(post(path, std::string(200, '[') + std::string(200, ']')).status, 400);
  std::string many = R"({"alerts": [)";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + "{}";
  const auto too_many = post(path, many + "]}");
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(std::string(parse_json(too_many.body)["details"]["alerts"][0].GetString()),
            "At most 1000 alerts per request.");
  EXPECT_EQ(post("/api/v1/webhooks/events/v2/",
                 R"({"routing_key":"samplekeyhere","event_action":"explode"})")
                .status,
            400);
  EXPECT_EQ(post("/api/v1/webhooks/datadog/", "[1,2]").status, 400);

  // A 10,000-character label is accepted: the title is cut, nothing is lost.
  const std::string long_name(10000, 'x');
  const auto long_label =
      post(path, R"({"alerts":[{"fingerprint":"long-label","labels":{"alertname":")" + long_name +
                     R"("}}]})");
  ASSERT_EQ(long_label.status, 202) << long_label.body;
  const std::string id = incident_after("alertmanager", "long-label", 1);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(column(id, "char_length(title)"), "200");
}

}  // namespace
}  // namespace switchyard::testing
