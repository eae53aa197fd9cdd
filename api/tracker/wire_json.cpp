#include "tracker/wire_json.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <ctime>
#include <optional>
#include <vector>

#include "tracker/wire_enums.hpp"

namespace switchyard::tracker {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put_string(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// Times are omitted when unset, as protobuf's JSON mapping does for a missing
// Timestamp.
void put_time(Writer& w, const char* key, const std::optional<std::string>& value) {
  if (!value || value->empty()) return;
  put_string(w, key, *value);
}

void put_bool(Writer& w, const char* key, bool value) {
  w.Key(key);
  w.Bool(value);
}

// An unset (0) enum is omitted, as protobuf's JSON mapping does for defaults.
void put_enum(Writer& w, const char* key, int value, const WireEnum& values) {
  const std::string_view name = values.name_of(value);
  if (name.empty()) return;
  w.Key(key);
  w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void put_strings(Writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& value : values)
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  w.EndArray();
}

std::int64_t epoch_seconds(const std::optional<std::string>& time) {
  if (!time) return -1;
  std::tm tm{};
  if (strptime(time->c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return -1;
  return timegm(&tm);
}

std::string text(const rapidjson::StringBuffer& buffer) {
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

std::string event_to_wire(const domain::tracker::Event& event) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  put_string(w, "title", event.title);
  w.Key("attributes");
  w.StartObject();
  put_string(w, "message", event.message);
  put_string(w, "source", event.source);
  put_enum(w, "type", event.type, kEventType);
  put_enum(w, "priority", event.priority, kEventPriority);
  put_string(w, "relatedId", event.related_id);
  put_string(w, "service", event.service);
  put_enum(w, "status", event.status, kEventStatus);
  put_enum(w, "environment", event.environment, kEventEnvironment);
  put_bool(w, "impact", event.impact);
  put_time(w, "startDate", event.start_date);
  put_time(w, "endDate", event.end_date);
  put_string(w, "owner", event.owner);
  put_strings(w, "stakeHolders", event.stake_holders);
  put_bool(w, "notification", event.notification);
  w.EndObject();
  w.Key("links");
  w.StartObject();
  put_string(w, "pullRequestLink", event.pull_request_link);
  put_string(w, "ticket", event.ticket);
  w.EndObject();
  w.Key("metadata");
  w.StartObject();
  put_string(w, "id", event.id);
  put_time(w, "createdAt", event.created_at);
  // protobuf Duration: whole seconds with an "s".
  const std::int64_t start = epoch_seconds(event.start_date);
  const std::int64_t end = epoch_seconds(event.end_date);
  if (start >= 0 && end >= start) put_string(w, "duration", std::to_string(end - start) + "s");
  put_string(w, "slackId", event.slack_id);
  w.EndObject();
  w.EndObject();
  return text(buffer);
}

std::string catalog_to_wire(const domain::tracker::CatalogEntry& entry) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  put_string(w, "name", entry.name);
  put_enum(w, "type", entry.type, kCatalogType);
  put_enum(w, "languages", entry.languages, kLanguage);
  put_string(w, "owner", entry.owner);
  put_string(w, "version", entry.version);
  put_string(w, "link", entry.link);
  put_string(w, "description", entry.description);
  put_string(w, "repository", entry.repository);
  put_strings(w, "dependenciesIn", entry.dependencies_in);
  put_strings(w, "dependenciesOut", entry.dependencies_out);
  w.Key("sla");
  w.StartObject();
  put_enum(w, "level", entry.sla_level, kSlaLevel);
  w.Key("uptimePercentage");
  w.Double(entry.sla_uptime_percentage);
  w.Key("responseTimeMs");
  w.Int(entry.sla_response_time_ms);
  put_string(w, "description", entry.sla_description);
  w.EndObject();
  put_time(w, "createdAt", entry.created_at);
  put_time(w, "updatedAt", entry.updated_at);
  w.EndObject();
  return text(buffer);
}

std::string lock_to_wire(const domain::tracker::Lock& lock) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  put_string(w, "id", lock.id);
  put_string(w, "service", lock.service);
  put_string(w, "who", lock.who);
  put_string(w, "environment", lock.environment);
  put_string(w, "resource", lock.resource);
  put_string(w, "eventId", lock.event_id);
  put_time(w, "createdAt", lock.created_at);
  w.EndObject();
  return text(buffer);
}

}  // namespace switchyard::tracker
