#include "incidents/on_call_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace switchyard::api::incidents {
namespace {

constexpr std::size_t kMaxMembers = 100;

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<std::vector<std::int64_t>> read_members(const rapidjson::Value& flat,
                                                      FieldErrors& errors) {
  constexpr const char* kField = "on_call.members";
  const auto it = flat.FindMember(kField);
  if (it == flat.MemberEnd()) return std::nullopt;
  if (!it->value.IsArray()) {
    errors.add(kField, "Expected a list of user ids.");
    return std::nullopt;
  }
  if (it->value.Size() > kMaxMembers) {
    errors.add(kField, fmt::format("Ensure this field has no more than {} elements.", kMaxMembers));
    return std::nullopt;
  }
  std::vector<std::int64_t> members;
  for (const auto& item : it->value.GetArray()) {
    if (!item.IsInt64() || item.GetInt64() < 1) {
      errors.add(kField, "Must be a list of user ids (positive integers).");
      return std::nullopt;
    }
    if (std::find(members.begin(), members.end(), item.GetInt64()) != members.end()) {
      errors.add(kField, fmt::format("User {} is listed twice.", item.GetInt64()));
      return std::nullopt;
    }
    members.push_back(item.GetInt64());
  }
  return members;
}

}  // namespace

std::optional<std::string> local_date_time(const std::string& text) {
  static const std::regex kShape(R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?)");
  std::smatch m;
  if (text.size() > 19 || !std::regex_match(text, m, kShape)) return std::nullopt;
  const int year = std::stoi(m[1]), month = std::stoi(m[2]), day = std::stoi(m[3]);
  const int hour = std::stoi(m[4]), minute = std::stoi(m[5]);
  const int second = m[6].matched ? std::stoi(m[6]) : 0;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
      hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", year, month, day, hour, minute, second);
}

std::optional<OnCallInput> read_on_call(const rapidjson::Value& body, WriteMode mode,
                                        FieldErrors& errors) {
  const bool full = is_full(mode);
  const auto it = body.FindMember("on_call");
  if (it == body.MemberEnd()) {
    if (!full) return std::nullopt;
    return OnCallInput{"UTC", true, std::nullopt, 7, std::vector<std::int64_t>{}};
  }
  if (!it->value.IsObject()) {
    errors.add("on_call", "Expected an object: {time_zone, rotation_start, shift_days, members}.");
    return std::nullopt;
  }
  rapidjson::Document flat = prefixed(it->value, "on_call.");
  references_as_ids(flat, "on_call.members");
  refuse_unknown(
      flat,
      {"on_call.time_zone", "on_call.rotation_start", "on_call.shift_days", "on_call.members"},
      {"on_call.upcoming", "on_call.overrides"}, errors);
  OnCallInput input;
  input.time_zone = read_text(
      flat, "on_call.time_zone",
      {.required = given(flat, "on_call.time_zone"), .max_length = 100, .allow_blank = false},
      errors);
  if (!input.time_zone && full) input.time_zone = "UTC";
  const auto start = read_text(flat, "on_call.rotation_start", {.max_length = 100}, errors);
  if (start) {
    input.rotation_start = local_date_time(*start);
    if (!input.rotation_start) {
      errors.add("on_call.rotation_start",
                 "Expected the local wall-clock date-time YYYY-MM-DDTHH:MM[:SS], without offset.");
    }
  }
  input.sets_rotation_start = full || given(flat, "on_call.rotation_start");
  input.shift_days =
      read_int(flat, "on_call.shift_days", 1, 366, given(flat, "on_call.shift_days"), errors);
  if (!input.shift_days && full) input.shift_days = 7;
  input.members = read_members(flat, errors);
  if (!input.members && full) input.members = std::vector<std::int64_t>{};
  return input;
}

Payload OnCallInput::payload() const {
  Payload on_call;
  if (time_zone) on_call.set_text("time_zone", *time_zone);
  if (sets_rotation_start) on_call.set_optional("rotation_start", rotation_start);
  if (shift_days) on_call.set_int("shift_days", *shift_days);
  if (members) {
    rapidjson::Value ids(rapidjson::kArrayType);
    for (const auto id : *members) ids.PushBack(static_cast<int64_t>(id), on_call.allocator());
    on_call.set_value("members", ids);
  }
  return on_call;
}

}  // namespace switchyard::api::incidents
