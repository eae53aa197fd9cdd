#pragma once
// Reading each source's webhook body into Alerts (docs/alerts.md, "Sources"):
//   alertmanager  Alertmanager's webhook v4 message: alerts[] with status, labels,
//                 annotations, fingerprint (N alerts in, N alerts out)
//   grafana       Grafana Alerting's webhook contact point (the same shape, plus
//                 Grafana's own fields, which are ignored)
//   datadog       the document's Datadog fields (id, title, alert_status,
//                 alert_type, tags "k:v,k:v", body)
//   generic       the document's generic payload (title, description, severity,
//                 service, source, labels)
//   events_v2     PagerDuty Events API v2 (routing_key, event_action, dedup_key,
//                 payload.summary/severity/source)
// A body the format refuses throws AlertPayloadError (the API answers 400). Pure:
// no I/O; the body was already parsed by the API's one JSON reader, so it holds no
// NUL and nests at most JSON_MAX_DEPTH deep.
#include <rapidjson/document.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/alerts/alert.hpp"

namespace switchyard::domain::alerts {

// At most this many alerts in one request; more is a 400 (Alertmanager's
// webhook_config `max_alerts` bounds what it sends).
inline constexpr std::size_t kMaxAlertsPerRequest = 1000;

std::vector<Alert> alertmanager_alerts(const rapidjson::Value& body);
std::vector<Alert> grafana_alerts(const rapidjson::Value& body);
std::vector<Alert> datadog_alerts(const rapidjson::Value& body);
std::vector<Alert> generic_alerts(const rapidjson::Value& body);

// A PagerDuty event: its alert (a trigger without dedup_key has an empty
// fingerprint, which the caller fills with a key of its own and answers) and the
// routing_key, which authenticates it.
struct PagerDutyEvent {
  Alert alert;
  std::string routing_key;
};
PagerDutyEvent pagerduty_event(const rapidjson::Value& body);

// `text` cut to at most `max_chars` UTF-8 characters (never inside one).
std::string cut_text(std::string_view text, std::size_t max_chars);

}  // namespace switchyard::domain::alerts
