#include "domain/alerts/alert_severity.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>

namespace switchyard::domain::alerts {
namespace {

using Table = std::initializer_list<std::pair<std::string_view, std::string_view>>;

std::string lowered(std::string_view value) {
  std::string out(value);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string mapped(std::string_view value, Table table) {
  const std::string key = lowered(value);
  for (const auto& [from, to] : table) {
    if (key == from) return std::string(to);
  }
  return std::string(kDefaultAlertSeverity);
}

}  // namespace

std::string label_severity(std::string_view value) {
  return mapped(value, {{"critical", "SEV1_CRITICAL"},
                        {"warning", "SEV2_HIGH"},
                        {"error", "SEV2_HIGH"},
                        {"high", "SEV2_HIGH"},
                        {"major", "SEV2_HIGH"},
                        {"medium", "SEV3_MEDIUM"},
                        {"minor", "SEV3_MEDIUM"},
                        {"info", "SEV4_LOW"},
                        {"low", "SEV4_LOW"},
                        {"none", "SEV4_LOW"}});
}

std::string datadog_severity(std::string_view alert_type) {
  return mapped(alert_type, {{"error", "SEV1_CRITICAL"},
                             {"warning", "SEV2_HIGH"},
                             {"info", "SEV4_LOW"},
                             {"success", "SEV4_LOW"}});
}

std::string generic_severity(std::string_view value) {
  return mapped(value, {{"critical", "SEV1_CRITICAL"},
                        {"high", "SEV2_HIGH"},
                        {"medium", "SEV3_MEDIUM"},
                        {"low", "SEV4_LOW"},
                        {"sev1_critical", "SEV1_CRITICAL"},
                        {"sev2_high", "SEV2_HIGH"},
                        {"sev3_medium", "SEV3_MEDIUM"},
                        {"sev4_low", "SEV4_LOW"}});
}

std::string pagerduty_severity(std::string_view value) {
  return mapped(value, {{"critical", "SEV1_CRITICAL"},
                        {"error", "SEV2_HIGH"},
                        {"warning", "SEV3_MEDIUM"},
                        {"info", "SEV4_LOW"}});
}

}  // namespace switchyard::domain::alerts
