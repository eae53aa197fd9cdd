#pragma once
// The query parameters of the incident metrics (docs/incidents.md, "Metrics"):
// `period` — 7d, 30d, 90d or 1y, the incidents created in [now − period, now] —
// and the top offenders' `limit`. A wrong value is the IMAS 400 naming it.
#include <optional>
#include <string>

#include "request_context.hpp"

namespace switchyard::api::incidents {

struct MetricsPeriod {
  std::string name;    // as answered: "30d"
  std::string window;  // as PostgreSQL reads an interval: "30 days"
};

// The request's period, 30d when absent.
MetricsPeriod read_period(const RequestContext& context);
// The request's period, nullopt when absent.
std::optional<MetricsPeriod> read_optional_period(const RequestContext& context);

// An integer query parameter in [min, max], `fallback` when absent.
int read_limit(const RequestContext& context, const char* name, int fallback, int min, int max);

}  // namespace switchyard::api::incidents
