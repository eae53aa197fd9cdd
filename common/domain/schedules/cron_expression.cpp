#include "domain/schedules/cron_expression.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace switchyard::domain::schedules {
namespace {

using namespace std::chrono;

struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  // value min+i is names[i]; nullptr for none
};

constexpr const char* kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kWeekdayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr std::array<FieldSpec, 5> kFields{{{"minute", 0, 59, nullptr},
                                            {"hour", 0, 23, nullptr},
                                            {"day of month", 1, 31, nullptr},
                                            {"month", 1, 12, kMonthNames},
                                            {"day of week", 0, 7, kWeekdayNames}}};

[[noreturn]] void fail(const FieldSpec& field, std::string_view text, const char* why) {
  throw CronError(std::string(field.name) + " field '" + std::string(text) + "': " + why);
}

int parse_value(const FieldSpec& field, std::string_view whole, std::string_view text) {
  if (field.names) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const int count = field.max - field.min + 1 - (field.names == kWeekdayNames ? 1 : 0);
    for (int i = 0; i < count; ++i) {
      if (lower == field.names[i]) return field.min + i;
    }
  }
  if (text.empty() || text.size() > 2 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    fail(field, whole, "expected a number or a name");
  }
  const int value = std::stoi(std::string(text));
  if (value < field.min || value > field.max) fail(field, whole, "value out of range");
  return value;
}

// One field's set of values; `restricted` is false when the field starts with '*'.
std::uint64_t parse_field(const FieldSpec& field, std::string_view text, bool& restricted) {
  restricted = text.empty() || text.front() != '*';
  std::uint64_t bits = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    if (item.empty()) fail(field, text, "empty list item");
    std::string_view range = item;
    int step = 1;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      const std::string_view step_text = item.substr(slash + 1);
      if (step_text.empty() || step_text.size() > 2 ||
          !std::all_of(step_text.begin(), step_text.end(),
                       [](char c) { return c >= '0' && c <= '9'; })) {
        fail(field, text, "the step must be a number");
      }
      step = std::stoi(std::string(step_text));
      if (step == 0) fail(field, text, "the step must be at least 1");
      range = item.substr(0, slash);
    }
    int low = field.min;
    int high = field.max;
    if (range == "*") {
      // every value
    } else if (const auto dash = range.find('-'); dash != std::string_view::npos) {
      low = parse_value(field, text, range.substr(0, dash));
      high = parse_value(field, text, range.substr(dash + 1));
      if (low > high) fail(field, text, "a range must go upwards");
    } else {
      low = parse_value(field, text, range);
      if (item.find('/') == std::string_view::npos) high = low;  // `a/n` runs to the end
    }
    for (int v = low; v <= high; v += step) bits |= std::uint64_t{1} << v;
    start = comma + 1;
  }
  return bits;
}

bool has(std::uint64_t bits, unsigned value) { return (bits >> value) & 1U; }

std::string_view expand_macro(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kMacros{{
      {"@yearly", "0 0 1 1 *"},
      {"@annually", "0 0 1 1 *"},
      {"@monthly", "0 0 1 * *"},
      {"@weekly", "0 0 * * 0"},
      {"@daily", "0 0 * * *"},
      {"@midnight", "0 0 * * *"},
      {"@hourly", "0 * * * *"},
  }};
  for (const auto& [macro, fields] : kMacros) {
    if (text == macro) return fields;
  }
  throw CronError("unknown macro '" + std::string(text) + "'");
}

}  // namespace

CronExpression CronExpression::parse(std::string_view text) {
  if (text.size() > 200) throw CronError("the expression is longer than 200 characters");
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '@') text = expand_macro(text);
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find_first_of(" \t", start), text.size());
    if (end > start) fields.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (fields.size() != 5) {
    throw CronError("expected 5 fields (minute hour day-of-month month day-of-week), got " +
                    std::to_string(fields.size()));
  }
  CronExpression cron;
  bool ignored = false;
  cron.minutes_ = parse_field(kFields[0], fields[0], ignored);
  cron.hours_ = parse_field(kFields[1], fields[1], ignored);
  cron.days_ = parse_field(kFields[2], fields[2], cron.days_restricted_);
  cron.months_ = parse_field(kFields[3], fields[3], ignored);
  cron.weekdays_ = parse_field(kFields[4], fields[4], cron.weekdays_restricted_);
  if (has(cron.weekdays_, 7)) cron.weekdays_ = (cron.weekdays_ | 1U) & ~(std::uint64_t{1} << 7);
  return cron;
}

bool CronExpression::matches_day(date::local_days day) const {
  const date::year_month_day ymd(day);
  if (!has(months_, static_cast<unsigned>(ymd.month()))) return false;
  const bool dom = has(days_, static_cast<unsigned>(ymd.day()));
  const bool dow = has(weekdays_, date::weekday(day).c_encoding());
  if (days_restricted_ && weekdays_restricted_) return dom || dow;
  return dom && dow;
}

std::optional<Seconds> CronExpression::next_after(Seconds after,
                                                  const date::time_zone& zone) const {
  // Walk wall-clock minutes after `after`'s, jumping whole days and hours that
  // cannot match; a candidate that maps to an instant not after `after` (the
  // gap's transition already fired, the repeated hour's first pass) is passed.
  const auto local_after = zone.to_local(after);
  auto local = date::floor<minutes>(local_after) + minutes(1);
  const auto horizon = local + date::years(5);
  while (local < horizon) {
    const auto day = date::floor<date::days>(local);
    if (!matches_day(day)) {
      local = day + date::days(1);
      continue;
    }
    const auto time = local - day;
    const auto hour = static_cast<unsigned>(duration_cast<hours>(time).count());
    if (!has(hours_, hour)) {
      local = date::floor<hours>(local) + hours(1);
      continue;
    }
    const auto minute = static_cast<unsigned>(duration_cast<minutes>(time).count() % 60);
    if (!has(minutes_, minute)) {
      local += minutes(1);
      continue;
    }
    const auto info = zone.get_info(local);
    Seconds instant;
    if (info.result == date::local_info::nonexistent) {
      instant = info.first.end;  // the first valid instant after the gap
    } else {
      // Unique, or the first occurrence of a repeated time (the earlier offset).
      instant = Seconds{duration_cast<seconds>(local.time_since_epoch())} - info.first.offset;
    }
    if (instant > after) return instant;
    local += minutes(1);
  }
  return std::nullopt;
}

const date::time_zone* find_time_zone(std::string_view name) {
  if (name.empty() || name.size() > 64) return nullptr;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' &&
        c != '+') {
      return nullptr;
    }
  }
  if (name.find("..") != std::string_view::npos || name.front() == '/') return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace switchyard::domain::schedules
