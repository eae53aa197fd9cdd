#include "domain/alerts/alert_payloads.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "domain/alerts/alert_severity.hpp"
#include "security/key_digest.hpp"

namespace switchyard::domain::alerts {
namespace {

constexpr std::size_t kTitleChars = 200;
constexpr std::size_t kDescriptionChars = 20000;
constexpr std::size_t kKeyChars = 255;

// The string member `name` of `object`, if it is one.
std::optional<std::string_view> text(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return std::nullopt;
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string_view(it->value.GetString(), it->value.GetStringLength());
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  const auto it = object.FindMember(name);
  return it == object.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

// An object member, or nullptr when absent; a 400 when it is something else.
const rapidjson::Value* object_member(const rapidjson::Value& object, const char* name,
                                      const std::string& path) {
  const rapidjson::Value* value = member(object, name);
  if (value != nullptr && !value->IsObject()) throw AlertPayloadError(path, "Expected an object.");
  return value;
}

std::string to_json(const rapidjson::Value* value) {
  if (value == nullptr) return "{}";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  value->Accept(w);
  return {buffer.GetString(), buffer.GetSize()};
}

bool equals_lower(std::string_view value, std::string_view lower) {
  return value.size() == lower.size() &&
         std::equal(value.begin(), value.end(), lower.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// The SHA-256 of the sorted labels: Alertmanager's notion of one alert.
std::string labels_fingerprint(const rapidjson::Value* labels) {
  std::map<std::string, std::string> sorted;
  if (labels != nullptr) {
    for (const auto& m : labels->GetObject()) {
      sorted[m.name.GetString()] = m.value.IsString() ? m.value.GetString() : to_json(&m.value);
    }
  }
  std::string canonical;
  for (const auto& [k, v] : sorted) canonical += k + '\x1f' + v + '\x1e';
  return security::sha256_hex(canonical);
}

// A key the source chose: kept when it fits, else its digest.
std::string bounded_key(std::string_view key) {
  return key.size() <= kKeyChars ? std::string(key) : security::sha256_hex(key);
}

// Alertmanager and Grafana: alerts[] of {status, labels, annotations, fingerprint}.
std::vector<Alert> labelled_alerts(const rapidjson::Value& body, std::string_view tool) {
  const rapidjson::Value* alerts = member(body, "alerts");
  if (alerts == nullptr) throw AlertPayloadError("alerts", "This field is required.");
  if (!alerts->IsArray()) throw AlertPayloadError("alerts", "Expected a list of alerts.");
  if (alerts->Size() > kMaxAlertsPerRequest) {
    throw AlertPayloadError("alerts",
                            fmt::format("At most {} alerts per request.", kMaxAlertsPerRequest));
  }
  const std::string group_status(text(body, "status").value_or("firing"));
  std::vector<Alert> out;
  out.reserve(alerts->Size());
  for (rapidjson::SizeType i = 0; i < alerts->Size(); ++i) {
    const rapidjson::Value& item = (*alerts)[i];
    const std::string path = fmt::format("alerts.{}", i);
    if (!item.IsObject()) throw AlertPayloadError(path, "Expected an object.");
    const rapidjson::Value* labels = object_member(item, "labels", path + ".labels");
    const rapidjson::Value* annotations = object_member(item, "annotations", path + ".annotations");
    Alert alert;
    const std::string status(text(item, "status").value_or(group_status));
    alert.action = equals_lower(status, "resolved") ? AlertAction::kResolve : AlertAction::kTrigger;
    const auto fingerprint = text(item, "fingerprint");
    alert.fingerprint = fingerprint && !fingerprint->empty() ? bounded_key(*fingerprint)
                                                             : labels_fingerprint(labels);
    const auto summary = annotations ? text(*annotations, "summary") : std::nullopt;
    const auto name = labels ? text(*labels, "alertname") : std::nullopt;
    alert.title = cut_text(summary && !summary->empty() ? *summary
                           : name && !name->empty()     ? *name
                                                        : fmt::format("Alert from {}", tool),
                           kTitleChars);
    if (const auto description = annotations ? text(*annotations, "description") : std::nullopt) {
      alert.description = cut_text(*description, kDescriptionChars);
    }
    alert.severity = label_severity(labels ? text(*labels, "severity").value_or("") : "");
    alert.service = std::string(labels ? text(*labels, "service").value_or("") : "");
    alert.labels_json = to_json(labels);
    out.push_back(std::move(alert));
  }
  return out;
}

// "service:web-app,env:production" as {"service":"web-app","env":"production"};
// a tag without ':' is a key with an empty value.
std::map<std::string, std::string> datadog_tags(std::string_view tags) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start <= tags.size()) {
    const std::size_t end = std::min(tags.find(',', start), tags.size());
    std::string_view tag = tags.substr(start, end - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (!tag.empty()) {
      const std::size_t colon = tag.find(':');
      out[std::string(tag.substr(0, colon))] =
          colon == std::string_view::npos ? "" : std::string(tag.substr(colon + 1));
    }
    start = end + 1;
  }
  return out;
}

std::string object_json(const std::map<std::string, std::string>& values) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [k, v] : values) {
    w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

void require_object(const rapidjson::Value& body) {
  if (!body.IsObject()) throw AlertPayloadError("body", "Expected a JSON object.");
}

}  // namespace

std::string_view action_name(AlertAction action) {
  switch (action) {
    case AlertAction::kTrigger:
      return "trigger";
    case AlertAction::kResolve:
      return "resolve";
    case AlertAction::kAcknowledge:
      return "acknowledge";
  }
  return "trigger";
}

std::string cut_text(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return std::string(text.substr(0, i));
      ++chars;
    }
  }
  return std::string(text);
}

std::vector<Alert> alertmanager_alerts(const rapidjson::Value& body) {
  require_object(body);
  return labelled_alerts(body, "Alertmanager");
}

std::vector<Alert> grafana_alerts(const rapidjson::Value& body) {
  require_object(body);
  return labelled_alerts(body, "Grafana");
}

std::vector<Alert> datadog_alerts(const rapidjson::Value& body) {
  require_object(body);
  Alert alert;
  const rapidjson::Value* id = member(body, "id");
  const auto title = text(body, "title");
  if (id != nullptr && id->IsString() && id->GetStringLength() > 0) {
    alert.fingerprint = bounded_key({id->GetString(), id->GetStringLength()});
  } else if (id != nullptr && (id->IsInt64() || id->IsUint64())) {
    alert.fingerprint = to_json(id);
  } else if (id != nullptr) {
    throw AlertPayloadError("id", "Expected the monitor's alert id.");
  } else {
    alert.fingerprint = security::sha256_hex(title.value_or(""));
  }
  alert.title = cut_text(title && !title->empty() ? *title : "Datadog alert", kTitleChars);
  alert.description = cut_text(text(body, "body").value_or(""), kDescriptionChars);
  const std::string_view type = text(body, "alert_type").value_or("");
  const std::string_view status =
      text(body, "alert_status").value_or(text(body, "alert_transition").value_or(""));
  const bool recovered = equals_lower(status, "recovered") || equals_lower(status, "resolved") ||
                         equals_lower(type, "success");
  alert.action = recovered ? AlertAction::kResolve : AlertAction::kTrigger;
  alert.severity = datadog_severity(type);
  const rapidjson::Value* tags = member(body, "tags");
  if (tags != nullptr && !tags->IsString())
    throw AlertPayloadError("tags", "Expected \"k:v,k:v\".");
  const auto parsed =
      datadog_tags(tags ? std::string_view(tags->GetString(), tags->GetStringLength()) : "");
  if (const auto it = parsed.find("service"); it != parsed.end()) alert.service = it->second;
  alert.labels_json = object_json(parsed);
  return {std::move(alert)};
}

std::vector<Alert> generic_alerts(const rapidjson::Value& body) {
  require_object(body);
  const auto title = text(body, "title");
  if (!title || title->find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw AlertPayloadError("title", "This field is required.");
  }
  const rapidjson::Value* labels = object_member(body, "labels", "labels");
  Alert alert;
  alert.title = cut_text(*title, kTitleChars);
  alert.description = cut_text(text(body, "description").value_or(""), kDescriptionChars);
  alert.severity = generic_severity(text(body, "severity").value_or(""));
  alert.service = std::string(
      text(body, "service").value_or(labels ? text(*labels, "service").value_or("") : ""));
  const std::string_view source = text(body, "source").value_or("");
  const std::string_view status = text(body, "status").value_or("firing");
  alert.action = equals_lower(status, "resolved") ? AlertAction::kResolve : AlertAction::kTrigger;
  const auto key = text(body, "fingerprint");
  alert.fingerprint =
      key && !key->empty()
          ? bounded_key(*key)
          : security::sha256_hex(fmt::format("{}\x1f{}\x1f{}", *title, alert.service, source));
  alert.labels_json = to_json(labels);
  return {std::move(alert)};
}

PagerDutyEvent pagerduty_event(const rapidjson::Value& body) {
  require_object(body);
  PagerDutyEvent event;
  const auto routing_key = text(body, "routing_key");
  if (!routing_key || routing_key->empty())
    throw AlertPayloadError("routing_key", "This field is required.");
  event.routing_key = std::string(*routing_key);
  const std::string_view action = text(body, "event_action").value_or("");
  Alert& alert = event.alert;
  if (action == "trigger") {
    alert.action = AlertAction::kTrigger;
  } else if (action == "acknowledge") {
    alert.action = AlertAction::kAcknowledge;
  } else if (action == "resolve") {
    alert.action = AlertAction::kResolve;
  } else {
    throw AlertPayloadError("event_action", "Expected trigger, acknowledge or resolve.");
  }
  const auto dedup_key = text(body, "dedup_key");
  if (dedup_key && dedup_key->size() > kKeyChars) {
    throw AlertPayloadError("dedup_key", "At most 255 characters.");
  }
  if (dedup_key) alert.fingerprint = std::string(*dedup_key);
  if (alert.action != AlertAction::kTrigger) {
    if (alert.fingerprint.empty()) throw AlertPayloadError("dedup_key", "This field is required.");
    alert.title = "PagerDuty event";
    alert.severity = std::string(kDefaultAlertSeverity);
    alert.labels_json = "{}";
    return event;
  }
  const rapidjson::Value* payload = object_member(body, "payload", "payload");
  if (payload == nullptr) throw AlertPayloadError("payload", "This field is required.");
  const auto summary = text(*payload, "summary");
  if (!summary || summary->empty())
    throw AlertPayloadError("payload.summary", "This field is required.");
  if (summary->size() > 1024)
    throw AlertPayloadError("payload.summary", "At most 1024 characters.");
  const auto source = text(*payload, "source");
  if (!source || source->empty())
    throw AlertPayloadError("payload.source", "This field is required.");
  const std::string_view severity = text(*payload, "severity").value_or("");
  if (severity != "critical" && severity != "error" && severity != "warning" &&
      severity != "info") {
    throw AlertPayloadError("payload.severity", "Expected critical, error, warning or info.");
  }
  alert.title = cut_text(*summary, kTitleChars);
  alert.description = std::string(*summary);
  alert.severity = pagerduty_severity(severity);
  std::map<std::string, std::string> labels{{"source", std::string(*source)}};
  for (const char* name : {"component", "group", "class"}) {
    if (const auto value = text(*payload, name)) labels[name] = std::string(*value);
  }
  // custom_details may be any JSON value; only an object can name a service.
  if (const rapidjson::Value* details = member(*payload, "custom_details")) {
    if (const auto service = text(*details, "service")) alert.service = std::string(*service);
  }
  alert.labels_json = object_json(labels);
  return event;
}

}  // namespace switchyard::domain::alerts
