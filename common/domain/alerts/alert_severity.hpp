#pragma once
// The severity of an alert's incident, from what its source says
// (imas-incidents-api.md, "Mapping de Sévérité", and docs/alerts.md for the
// values the document leaves out). Comparison ignores case.
//
//   source                          value                        severity
//   Alertmanager, Grafana (label)   critical                     SEV1_CRITICAL   (document)
//                                   warning                      SEV2_HIGH       (document)
//                                   error, high, major           SEV2_HIGH
//                                   medium, minor                SEV3_MEDIUM
//                                   info, low, none              SEV4_LOW
//   Datadog (alert_type)            error                        SEV1_CRITICAL   (document)
//                                   warning                      SEV2_HIGH       (document)
//                                   info, success                SEV4_LOW
//   Generic (severity)              critical                     SEV1_CRITICAL   (document)
//                                   high                         SEV2_HIGH       (document)
//                                   medium / low                 SEV3_MEDIUM / SEV4_LOW
//                                   SEV1_CRITICAL … SEV4_LOW     itself
//   PagerDuty (payload.severity)    critical / error / warning / info  SEV1 … SEV4
// Anything else, or no value: SEV3_MEDIUM (kDefaultAlertSeverity).
#include <string>
#include <string_view>

namespace switchyard::domain::alerts {

inline constexpr std::string_view kDefaultAlertSeverity = "SEV3_MEDIUM";

std::string label_severity(std::string_view value);  // Alertmanager, Grafana
std::string datadog_severity(std::string_view alert_type);
std::string generic_severity(std::string_view value);
std::string pagerduty_severity(std::string_view value);

}  // namespace switchyard::domain::alerts
