#include "incidents/metrics_period.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "incidents/imas_fields.hpp"

namespace switchyard::api::incidents {
namespace {

// A year is PostgreSQL's '1 year' (a calendar year back), not 365 days.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kPeriods = {{
    {"7d", "7 days"},
    {"30d", "30 days"},
    {"90d", "90 days"},
    {"1y", "1 year"},
}};

}  // namespace

std::optional<MetricsPeriod> read_optional_period(const RequestContext& context) {
  const auto value = context.query("period");
  if (!value) return std::nullopt;
  for (const auto& [name, window] : kPeriods) {
    if (name == *value) return MetricsPeriod{std::string(name), std::string(window)};
  }
  throw invalid_field("period", "Must be one of 7d, 30d, 90d, 1y.");
}

MetricsPeriod read_period(const RequestContext& context) {
  if (auto period = read_optional_period(context)) return std::move(*period);
  return {"30d", "30 days"};
}

int read_limit(const RequestContext& context, const char* name, int fallback, int min, int max) {
  const auto value = context.query(name);
  if (!value) return fallback;
  const std::string message = fmt::format("Must be an integer from {} to {}.", min, max);
  // At most 9 digits: no overflow, and a long run of them is refused like any other.
  if (value->empty() || value->size() > 9 ||
      !std::all_of(value->begin(), value->end(),
                   [](unsigned char c) { return std::isdigit(c) != 0; })) {
    throw invalid_field(name, message);
  }
  const int number = std::stoi(*value);
  if (number < min || number > max) throw invalid_field(name, message);
  return number;
}

}  // namespace switchyard::api::incidents
