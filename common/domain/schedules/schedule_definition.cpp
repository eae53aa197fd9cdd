#include "domain/schedules/schedule_definition.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>

namespace switchyard::domain::schedules {
namespace {

using namespace std::chrono;

constexpr std::int64_t kMaxIntervalSeconds = 366LL * 24 * 3600;

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// The member `key` unless absent or null.
const rapidjson::Value* member(const rapidjson::Value& body, const char* key) {
  const auto it = body.FindMember(key);
  if (it == body.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

std::string string_of(const rapidjson::Value& body, const char* key, std::size_t max_length,
                      bool required) {
  const rapidjson::Value* value = member(body, key);
  if (!value) {
    if (required) throw FieldError(key, "is required");
    return "";
  }
  if (!value->IsString()) throw FieldError(key, "must be a string");
  const std::string text(value->GetString(), value->GetStringLength());
  if (text.empty() && required) throw FieldError(key, "must not be empty");
  if (text.size() > max_length) {
    throw FieldError(key, "must be at most " + std::to_string(max_length) + " characters");
  }
  if (text.find('\0') != std::string::npos) throw FieldError(key, "must not contain NUL");
  return text;
}

void refuse_unless(bool allowed, const rapidjson::Value& body, const char* key,
                   std::string_view type) {
  if (!allowed && member(body, key)) {
    throw FieldError(key, "does not apply to type " + std::string(type));
  }
}

std::int64_t interval_of(const rapidjson::Value& value) {
  if (!value.IsObject() || value.MemberCount() == 0) {
    throw FieldError("interval", "must be an object of seconds, minutes, hours or days");
  }
  static constexpr std::array<std::pair<std::string_view, std::int64_t>, 4> kUnits{
      {{"seconds", 1}, {"minutes", 60}, {"hours", 3600}, {"days", 86400}}};
  std::int64_t total = 0;
  for (const auto& m : value.GetObject()) {
    const std::string_view key(m.name.GetString(), m.name.GetStringLength());
    const auto unit =
        std::find_if(kUnits.begin(), kUnits.end(), [&](const auto& u) { return u.first == key; });
    if (unit == kUnits.end()) {
      throw FieldError("interval", "takes only seconds, minutes, hours or days");
    }
    if (!m.value.IsInt64() || m.value.GetInt64() < 0 ||
        m.value.GetInt64() > kMaxIntervalSeconds / unit->second) {
      throw FieldError("interval", std::string(key) + " must be a whole number from 0 to " +
                                       std::to_string(kMaxIntervalSeconds / unit->second));
    }
    total += m.value.GetInt64() * unit->second;
  }
  if (total < 1 || total > kMaxIntervalSeconds) {
    throw FieldError("interval", "must be from 1 second to 366 days");
  }
  return total;
}

bool digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Seconds> parse_rfc3339(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() < 20 || text.size() > 40 || !digits(text, 0, 4, y) || text[4] != '-' ||
      !digits(text, 5, 2, mo) || text[7] != '-' || !digits(text, 8, 2, d) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, h) ||
      text[13] != ':' || !digits(text, 14, 2, mi) || text[16] != ':' || !digits(text, 17, 2, s)) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    ++at;
    const std::size_t first = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == first) return std::nullopt;
  }
  int offset_minutes = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) {
    // UTC
  } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-')) {
    int oh = 0, om = 0;
    if (!digits(text, at + 1, 2, oh) || text[at + 3] != ':' || !digits(text, at + 4, 2, om) ||
        oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (text[at] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  const date::year_month_day day{date::year(y), date::month(static_cast<unsigned>(mo)),
                                 date::day(static_cast<unsigned>(d))};
  if (!day.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return Seconds{date::sys_days(day)} + hours(h) + minutes(mi) + seconds(std::min(s, 59)) -
         minutes(offset_minutes);
}

std::string format_rfc3339(Seconds time) { return date::format("%Y-%m-%dT%H:%M:%SZ", time); }

ScheduleTiming timing_of(ScheduleType type, const std::string& schedule,
                         const std::string& timezone, std::int64_t interval_seconds,
                         Seconds run_at) {
  ScheduleTiming timing;
  timing.type = type;
  switch (type) {
    case ScheduleType::kScheduled:
      try {
        timing.cron = CronExpression::parse(schedule);
      } catch (const CronError& e) {
        throw FieldError("schedule", e.what());
      }
      timing.zone = find_time_zone(timezone.empty() ? "UTC" : timezone);
      if (!timing.zone)
        throw FieldError("timezone", "must be an IANA time zone (e.g. Europe/Paris)");
      break;
    case ScheduleType::kInterval:
      timing.interval = seconds(interval_seconds);
      break;
    case ScheduleType::kOnce:
      timing.run_at = run_at;
      break;
  }
  return timing;
}

ScheduleTiming ScheduleDefinition::timing() const {
  return timing_of(type, schedule, timezone, interval_seconds, run_at);
}

ScheduleDefinition parse_schedule_definition(const rapidjson::Value& body) {
  if (!body.IsObject()) throw FieldError("body", "must be a JSON object");
  ScheduleDefinition d;
  d.id = string_of(body, "id", 64, true);
  if (!std::all_of(d.id.begin(), d.id.end(), is_id_char)) {
    throw FieldError("id", "must be 1 to 64 letters, digits, '_', '.' or '-'");
  }
  d.name = string_of(body, "name", 200, false);
  if (d.name.empty()) d.name = d.id;
  const std::string type = string_of(body, "type", 16, true);
  const auto parsed_type = schedule_type_from(type);
  if (!parsed_type) throw FieldError("type", "must be scheduled, interval or once");
  d.type = *parsed_type;
  refuse_unless(d.type == ScheduleType::kScheduled, body, "schedule", type);
  refuse_unless(d.type == ScheduleType::kScheduled, body, "timezone", type);
  refuse_unless(d.type == ScheduleType::kInterval, body, "interval", type);
  refuse_unless(d.type == ScheduleType::kOnce, body, "run_at", type);
  switch (d.type) {
    case ScheduleType::kScheduled:
      d.schedule = string_of(body, "schedule", 200, true);
      d.timezone = string_of(body, "timezone", 64, false);
      if (d.timezone.empty()) d.timezone = "UTC";
      break;
    case ScheduleType::kInterval: {
      const rapidjson::Value* interval = member(body, "interval");
      if (!interval) throw FieldError("interval", "is required");
      d.interval_seconds = interval_of(*interval);
      break;
    }
    case ScheduleType::kOnce: {
      const auto at = parse_rfc3339(string_of(body, "run_at", 40, true));
      if (!at) throw FieldError("run_at", "must be an RFC 3339 time (2024-01-15T10:30:00Z)");
      d.run_at = *at;
      break;
    }
  }
  const ScheduleTiming timing = d.timing();  // throws for schedule and timezone
  if (d.type == ScheduleType::kScheduled &&
      !timing.cron->next_after(floor<seconds>(system_clock::now()), *timing.zone)) {
    throw FieldError("schedule", "never fires (no such date within five years)");
  }
  d.service = string_of(body, "service", 64, true);
  d.action = string_of(body, "action", 64, true);
  if (const rapidjson::Value* payload = member(body, "payload")) {
    if (!payload->IsObject()) throw FieldError("payload", "must be a JSON object");
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    payload->Accept(w);
    d.payload_json.assign(buffer.GetString(), buffer.GetSize());
  }
  if (const rapidjson::Value* enabled = member(body, "enabled")) {
    if (!enabled->IsBool()) throw FieldError("enabled", "must be true or false");
    d.enabled = enabled->GetBool();
  }
  const std::string policy = string_of(body, "misfire_policy", 16, false);
  if (!policy.empty()) {
    const auto parsed = misfire_policy_from(policy);
    if (!parsed) throw FieldError("misfire_policy", "must be skip, once or all");
    d.misfire_policy = *parsed;
  }
  return d;
}

std::string ScheduleDefinition::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto text = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  text("id", id);
  text("name", name);
  text("type", std::string(to_string(type)));
  switch (type) {
    case ScheduleType::kScheduled:
      text("schedule", schedule);
      text("timezone", timezone);
      break;
    case ScheduleType::kInterval:
      w.Key("interval");
      w.StartObject();
      w.Key("seconds");
      w.Int64(interval_seconds);
      w.EndObject();
      break;
    case ScheduleType::kOnce:
      text("run_at", format_rfc3339(run_at));
      break;
  }
  text("service", service);
  text("action", action);
  w.Key("payload");
  w.RawValue(payload_json.data(), payload_json.size(), rapidjson::kObjectType);
  w.Key("enabled");
  w.Bool(enabled);
  text("misfire_policy", std::string(to_string(misfire_policy)));
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace switchyard::domain::schedules
