// Reading each source's body into alerts (common/domain/alerts): fingerprints,
// the document's severity table, services from labels and tags, resolve and
// acknowledge, and the refusals the API answers with 400.
#include "domain/alerts/alert_payloads.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/alerts/alert_severity.hpp"

namespace switchyard::domain::alerts {
namespace {

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  return doc;
}

TEST(AlertPayloads, TheDocumentsSeverityTableHolds) {
  EXPECT_EQ(label_severity("critical"), "SEV1_CRITICAL");
  EXPECT_EQ(label_severity("warning"), "SEV2_HIGH");
  EXPECT_EQ(datadog_severity("error"), "SEV1_CRITICAL");
  EXPECT_EQ(datadog_severity("warning"), "SEV2_HIGH");
  EXPECT_EQ(generic_severity("critical"), "SEV1_CRITICAL");
  EXPECT_EQ(generic_severity("HIGH"), "SEV2_HIGH");
  EXPECT_EQ(pagerduty_severity("info"), "SEV4_LOW");
  EXPECT_EQ(label_severity("whatever"), "SEV3_MEDIUM");
  EXPECT_EQ(label_severity(""), "SEV3_MEDIUM");
}

TEST(AlertPayloads, AnAlertmanagerMessageOfNAlertsIsNAlertsKeyedByFingerprintOrLabels) {
  const auto alerts = alertmanager_alerts(parsed(R"({"status":"firing","alerts":[
    {"status":"firing","fingerprint":"abc","labels":{"alertname":"A","severity":"critical","service":"api"},
     "annotations":{"summary":"A is down"}},
    {"status":"resolved","labels":{"b":"2","a":"1"}},
    {"labels":{"a":"1","b":"2"}}]})"));
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_EQ(alerts[0].fingerprint, "abc");
  EXPECT_EQ(alerts[0].title, "A is down");
  EXPECT_EQ(alerts[0].severity, "SEV1_CRITICAL");
  EXPECT_EQ(alerts[0].service, "api");
  EXPECT_EQ(alerts[1].action, AlertAction::kResolve);
  EXPECT_EQ(alerts[2].action, AlertAction::kTrigger);       // the message's status
  EXPECT_EQ(alerts[1].fingerprint, alerts[2].fingerprint);  // same labels, any order
  EXPECT_EQ(alerts[1].fingerprint.size(), 64u);
  EXPECT_EQ(alerts[2].title, "Alert from Alertmanager");
}

TEST(AlertPayloads, DatadogTagsNameTheServiceAndARecoveryResolves) {
  const auto triggered = datadog_alerts(parsed(
      R"({"id":"42","title":"CPU","alert_type":"error","tags":"service:web-app, env:production,solo"})"));
  ASSERT_EQ(triggered.size(), 1u);
  EXPECT_EQ(triggered[0].fingerprint, "42");
  EXPECT_EQ(triggered[0].service, "web-app");
  EXPECT_EQ(triggered[0].labels_json, R"({"env":"production","service":"web-app","solo":""})");
  const auto recovered = datadog_alerts(parsed(R"({"id":42,"alert_status":"Recovered"})"));
  EXPECT_EQ(recovered[0].action, AlertAction::kResolve);
  EXPECT_EQ(recovered[0].fingerprint, "42");
}

TEST(AlertPayloads, AGenericAlertIsKeyedByTitleServiceAndSource) {
  const auto a = generic_alerts(parsed(R"({"title":"T","service":"s","source":"x"})"));
  const auto b = generic_alerts(parsed(R"({"title":"T","service":"s","source":"y"})"));
  EXPECT_NE(a[0].fingerprint, b[0].fingerprint);
  EXPECT_EQ(
      a[0].fingerprint,
      generic_alerts(parsed(R"({"title":"T","service":"s","source":"x","severity":"low"})"))[0]
          .fingerprint);
  EXPECT_THROW(generic_alerts(parsed(R"({"title":"  "})")), AlertPayloadError);
}

TEST(AlertPayloads, PagerDutyEventsNeedTheirFields) {
  const auto event = pagerduty_event(parsed(R"({"routing_key":"k","event_action":"trigger",
    "payload":{"summary":"S","source":"h","severity":"critical","custom_details":{"service":"db"}}})"));
  EXPECT_EQ(event.routing_key, "k");
  EXPECT_EQ(event.alert.fingerprint, "");  // the API makes one
  EXPECT_EQ(event.alert.severity, "SEV1_CRITICAL");
  EXPECT_EQ(event.alert.service, "db");
  EXPECT_EQ(
      pagerduty_event(parsed(R"({"routing_key":"k","event_action":"acknowledge","dedup_key":"d"})"))
          .alert.action,
      AlertAction::kAcknowledge);
  for (
      const char* bad :
      {R"({"event_action":"trigger"})", R"({"routing_key":"k","event_action":"resolve"})",
       R"({"routing_key":"k","event_action":"trigger","payload":{"summary":"S","source":"h","severity":"fatal"}})",
       R"({"routing_key":"k","event_action":"snooze","dedup_key":"d"})"}) {
    EXPECT_THROW(pagerduty_event(parsed(bad)), AlertPayloadError) << bad;
  }
}

TEST(AlertPayloads, LongTextIsCutOnACharacterAndTooManyAlertsAreRefused) {
  EXPECT_EQ(cut_text("ééé", 2), "éé");
  EXPECT_EQ(cut_text("abc", 5), "abc");
  std::string many = R"({"alerts":[)";
  for (std::size_t i = 0; i <= kMaxAlertsPerRequest; ++i) many += std::string(i ? "," : "") + "{}";
  EXPECT_THROW(alertmanager_alerts(parsed(many + "]}")), AlertPayloadError);
  EXPECT_THROW(alertmanager_alerts(parsed(R"({"alerts":[{"labels":[1]}]})")), AlertPayloadError);
}

}  // namespace
}  // namespace switchyard::domain::alerts
