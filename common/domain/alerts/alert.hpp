#pragma once
// One alert as every source's payload reads into it (alert_payloads.hpp): what
// the worker needs to find, open, repeat, acknowledge or resolve its incident.
// Plain data, no I/O.
#include <stdexcept>
#include <string>
#include <string_view>

namespace switchyard::domain::alerts {

enum class AlertAction {
  kTrigger,      // firing: open an incident, or count a repeat on the open one
  kResolve,      // resolved at the source
  kAcknowledge,  // PagerDuty's acknowledge
};

std::string_view action_name(AlertAction action);  // trigger, resolve, acknowledge

struct Alert {
  AlertAction action = AlertAction::kTrigger;
  // The deduplication key within its source (docs/alerts.md, "Deduplication"):
  // the tool's own (Alertmanager/Grafana fingerprint, Datadog id, dedup_key), else
  // a SHA-256 of what identifies the alert. At most 255 characters.
  std::string fingerprint;
  std::string title;        // at most 200 characters (longer ones are cut)
  std::string description;  // at most 20,000 characters
  std::string severity;     // SEV1_CRITICAL … SEV4_LOW (alert_severity.hpp)
  std::string service;      // the `service` label or tag; "" when the alert names none
  std::string labels_json;  // the alert's labels or tags as a JSON object
};

// A payload the source's format refuses: answered 400 with `field` and `message`.
class AlertPayloadError : public std::runtime_error {
 public:
  AlertPayloadError(std::string field, const std::string& message)
      : std::runtime_error(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace switchyard::domain::alerts
