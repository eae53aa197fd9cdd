#include "tracker/wire_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <stdexcept>

#include "tracker/wire_enums.hpp"

namespace switchyard::tracker {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

rapidjson::Document parse_row(const std::string& row_json) {
  rapidjson::Document row;
  row.Parse(row_json.c_str());
  if (row.HasParseError() || !row.IsObject()) throw std::runtime_error("unreadable tracker row");
  return row;
}

void copy_string(Writer& w, const char* key, const rapidjson::Value& row, const char* column) {
  const auto it = row.FindMember(column);
  w.Key(key);
  if (it == row.MemberEnd() || !it->value.IsString()) {
    w.String("");
  } else {
    w.String(it->value.GetString(), it->value.GetStringLength());
  }
}

// Times are omitted when unset, as protobuf's JSON mapping does for a missing
// Timestamp.
void copy_time(Writer& w, const char* key, const rapidjson::Value& row, const char* column) {
  const auto it = row.FindMember(column);
  if (it == row.MemberEnd() || !it->value.IsString()) return;
  w.Key(key);
  w.String(it->value.GetString(), it->value.GetStringLength());
}

void copy_bool(Writer& w, const char* key, const rapidjson::Value& row, const char* column) {
  const auto it = row.FindMember(column);
  w.Key(key);
  w.Bool(it != row.MemberEnd() && it->value.IsBool() && it->value.GetBool());
}

// An unset (0) enum is omitted, as protobuf's JSON mapping does for defaults.
void copy_enum(Writer& w, const char* key, const rapidjson::Value& row, const char* column,
               const WireEnum& values) {
  const auto it = row.FindMember(column);
  if (it == row.MemberEnd() || !it->value.IsInt()) return;
  const std::string_view name = values.name_of(it->value.GetInt());
  if (name.empty()) return;
  w.Key(key);
  w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void copy_strings(Writer& w, const char* key, const rapidjson::Value& row, const char* column) {
  const auto it = row.FindMember(column);
  w.Key(key);
  w.StartArray();
  if (it != row.MemberEnd() && it->value.IsArray()) {
    for (const auto& item : it->value.GetArray()) {
      if (item.IsString()) w.String(item.GetString(), item.GetStringLength());
    }
  }
  w.EndArray();
}

std::int64_t epoch_seconds(const rapidjson::Value& row, const char* column) {
  const auto it = row.FindMember(column);
  if (it == row.MemberEnd() || !it->value.IsString()) return -1;
  std::tm tm{};
  const char* text = it->value.GetString();
  if (strptime(text, "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return -1;
  return timegm(&tm);
}

std::string text(const rapidjson::StringBuffer& buffer) {
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

std::string event_to_wire(const std::string& row_json) {
  const rapidjson::Document row = parse_row(row_json);
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  copy_string(w, "title", row, "title");
  w.Key("attributes");
  w.StartObject();
  copy_string(w, "message", row, "message");
  copy_string(w, "source", row, "source");
  copy_enum(w, "type", row, "type", kEventType);
  copy_enum(w, "priority", row, "priority", kEventPriority);
  copy_string(w, "relatedId", row, "related_id");
  copy_string(w, "service", row, "service");
  copy_enum(w, "status", row, "status", kEventStatus);
  copy_enum(w, "environment", row, "environment", kEventEnvironment);
  copy_bool(w, "impact", row, "impact");
  copy_time(w, "startDate", row, "start_date");
  copy_time(w, "endDate", row, "end_date");
  copy_string(w, "owner", row, "owner");
  copy_strings(w, "stakeHolders", row, "stake_holders");
  copy_bool(w, "notification", row, "notification");
  w.EndObject();
  w.Key("links");
  w.StartObject();
  copy_string(w, "pullRequestLink", row, "pull_request_link");
  copy_string(w, "ticket", row, "ticket");
  w.EndObject();
  w.Key("metadata");
  w.StartObject();
  copy_string(w, "id", row, "id");
  copy_time(w, "createdAt", row, "created_at");
  // protobuf Duration: whole seconds with an "s".
  const std::int64_t start = epoch_seconds(row, "start_date");
  const std::int64_t end = epoch_seconds(row, "end_date");
  if (start >= 0 && end >= start) {
    const std::string duration = std::to_string(end - start) + "s";
    w.Key("duration");
    w.String(duration.c_str(), static_cast<rapidjson::SizeType>(duration.size()));
  }
  copy_string(w, "slackId", row, "slack_id");
  w.EndObject();
  w.EndObject();
  return text(buffer);
}

std::string catalog_to_wire(const std::string& row_json) {
  const rapidjson::Document row = parse_row(row_json);
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  copy_string(w, "name", row, "name");
  copy_enum(w, "type", row, "type", kCatalogType);
  copy_enum(w, "languages", row, "languages", kLanguage);
  copy_string(w, "owner", row, "owner");
  copy_string(w, "version", row, "version");
  copy_string(w, "link", row, "link");
  copy_string(w, "description", row, "description");
  copy_string(w, "repository", row, "repository");
  copy_strings(w, "dependenciesIn", row, "dependencies_in");
  copy_strings(w, "dependenciesOut", row, "dependencies_out");
  w.Key("sla");
  w.StartObject();
  copy_enum(w, "level", row, "sla_level", kSlaLevel);
  w.Key("uptimePercentage");
  const auto uptime = row.FindMember("sla_uptime_percentage");
  w.Double(uptime != row.MemberEnd() && uptime->value.IsNumber() ? uptime->value.GetDouble() : 0);
  w.Key("responseTimeMs");
  const auto response = row.FindMember("sla_response_time_ms");
  w.Int(response != row.MemberEnd() && response->value.IsInt() ? response->value.GetInt() : 0);
  copy_string(w, "description", row, "sla_description");
  w.EndObject();
  copy_time(w, "createdAt", row, "created_at");
  copy_time(w, "updatedAt", row, "updated_at");
  w.EndObject();
  return text(buffer);
}

std::string lock_to_wire(const std::string& row_json) {
  const rapidjson::Document row = parse_row(row_json);
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  copy_string(w, "id", row, "id");
  copy_string(w, "service", row, "service");
  copy_string(w, "who", row, "who");
  copy_string(w, "environment", row, "environment");
  copy_string(w, "resource", row, "resource");
  copy_string(w, "eventId", row, "event_id");
  copy_time(w, "createdAt", row, "created_at");
  w.EndObject();
  return text(buffer);
}

}  // namespace switchyard::tracker
