#include "tasks/task_delay.hpp"

#include <fmt/format.h>

#include <cctype>
#include <ctime>

#include "amqp/delay_queues.hpp"
#include "errors/app_error.hpp"

namespace switchyard::api {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

AppError field_error(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kValidation, fmt::format("{} {}", field, message),
                  fmt::format(R"([{{"field":"{}","message":"{}"}}])", field, message));
}

// `count` digits at `at`, advancing it; -1 when they are not all there.
int digits(std::string_view text, std::size_t& at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

bool expect(std::string_view text, std::size_t& at, std::string_view any_of) {
  if (at >= text.size() || any_of.find(text[at]) == std::string_view::npos) return false;
  ++at;
  return true;
}

}  // namespace

std::optional<system_clock::time_point> parse_rfc3339(std::string_view text) {
  std::size_t at = 0;
  std::tm tm{};
  const int year = digits(text, at, 4);
  if (year < 1970 || !expect(text, at, "-")) return std::nullopt;
  const int month = digits(text, at, 2);
  if (month < 1 || month > 12 || !expect(text, at, "-")) return std::nullopt;
  const int day = digits(text, at, 2);
  if (day < 1 || day > 31 || !expect(text, at, "Tt ")) return std::nullopt;
  const int hour = digits(text, at, 2);
  if (hour < 0 || hour > 23 || !expect(text, at, ":")) return std::nullopt;
  const int minute = digits(text, at, 2);
  if (minute < 0 || minute > 59 || !expect(text, at, ":")) return std::nullopt;
  const int second = digits(text, at, 2);
  if (second < 0 || second > 60) return std::nullopt;
  milliseconds fraction{0};
  if (at < text.size() && text[at] == '.') {
    ++at;
    int scale = 100;
    const std::size_t first = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
      fraction += milliseconds((text[at] - '0') * scale);
      scale /= 10;
      ++at;
    }
    if (at == first || at - first > 9) return std::nullopt;
  }
  int offset_minutes = 0;
  if (!expect(text, at, "Zz")) {
    if (at >= text.size() || (text[at] != '+' && text[at] != '-')) return std::nullopt;
    const int sign = text[at++] == '-' ? -1 : 1;
    const int oh = digits(text, at, 2);
    if (oh < 0 || oh > 23 || !expect(text, at, ":")) return std::nullopt;
    const int om = digits(text, at, 2);
    if (om < 0 || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  }
  if (at != text.size()) return std::nullopt;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t utc = timegm(&tm);
  // timegm normalises 31 February to 3 March: refuse what did not round-trip.
  std::tm back{};
  gmtime_r(&utc, &back);
  if (back.tm_mday != day && second != 60) return std::nullopt;
  // Past what the clock holds (about the year 2262): later than any allowed time.
  if (utc >= system_clock::to_time_t(system_clock::time_point::max()) - 86400) {
    return system_clock::time_point::max();
  }
  return system_clock::from_time_t(utc) + fraction - std::chrono::minutes(offset_minutes);
}

std::optional<system_clock::time_point> requested_start(const rapidjson::Document& body,
                                                        system_clock::time_point now) {
  const auto delay = body.FindMember("delay_ms");
  const auto run_at = body.FindMember("run_at");
  const bool has_delay = delay != body.MemberEnd();
  const bool has_run_at = run_at != body.MemberEnd();
  if (has_delay && has_run_at) throw field_error("run_at", "cannot be given with delay_ms");
  if (has_delay) {
    // The schema bounds it (0 … 7 days, an integer); 0 starts at once.
    const auto ms = milliseconds(delay->value.GetInt64());
    if (ms > amqp::kMaxTaskDelay)
      throw field_error("delay_ms", "must be at most 604800000 (7 days)");
    if (ms.count() <= 0) return std::nullopt;
    return now + ms;
  }
  if (!has_run_at) return std::nullopt;
  const auto when =
      parse_rfc3339(std::string_view(run_at->value.GetString(), run_at->value.GetStringLength()));
  if (!when)
    throw field_error("run_at", "must be an RFC 3339 date-time, e.g. 2026-01-15T10:30:00Z");
  if (*when - now > amqp::kMaxTaskDelay) {
    throw field_error("run_at", "must be at most 7 days ahead");
  }
  if (*when <= now) return std::nullopt;  // documented: a time already past means now
  return *when;
}

}  // namespace switchyard::api
