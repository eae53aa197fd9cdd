#pragma once
// SQL of the incident metrics (migrations/0016's incidents and incident_services;
// docs/incidents.md, "Metrics"). Every read covers the incidents created in a
// window [now() − window, now()], `window` a PostgreSQL interval ("30 days",
// "1 year"), now() being the transaction's start.
//
// KPIs are in seconds and count only the incidents where they are known:
// MTTD = created_at − detected_at, MTTA = acknowledged_at − created_at,
// MTTR = resolved_at − created_at. Averages and percentiles (percentile_cont,
// interpolated) are rounded half away from zero; nullopt when no incident has
// the KPI.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::storage::incidents {

inline constexpr std::array<std::string_view, 4> kSeverities = {"SEV1_CRITICAL", "SEV2_HIGH",
                                                                "SEV3_MEDIUM", "SEV4_LOW"};
inline constexpr std::array<std::string_view, 4> kStatuses = {"TRIGGERED", "ACKNOWLEDGED",
                                                              "MITIGATED", "RESOLVED"};

using Seconds = std::optional<std::int64_t>;

// A KPI over a set of incidents.
struct KpiStats {
  Seconds avg;
  Seconds p50;
  Seconds p90;
};

struct IncidentCounts {
  std::int64_t total = 0;
  std::int64_t open = 0;  // status other than RESOLVED
  std::int64_t resolved = 0;
  std::array<std::int64_t, 4> by_severity{};  // in kSeverities order
  std::array<std::int64_t, 4> by_status{};    // in kStatuses order
};

struct MetricsSummary {
  IncidentCounts counts;
  Seconds avg_mttd;
  KpiStats mtta;
  KpiStats mttr;
};
MetricsSummary metrics_summary(pqxx::transaction_base& tx, std::string_view window);

// One ISO week (Monday to Sunday, UTC) of the window.
struct WeekBucket {
  std::string monday;  // YYYY-MM-DD
  std::int64_t incidents = 0;
  Seconds mttr_avg;
  Seconds mtta_avg;
};
// Every week the window touches, oldest first, empty ones included (the first and
// the last are partial: they count only the window's incidents).
std::vector<WeekBucket> weekly_trends(pqxx::transaction_base& tx, std::string_view window);

struct ServiceRef {
  std::string id;
  std::string name;
  std::string criticality;
};

struct Offender {
  ServiceRef service;
  std::int64_t incidents = 0;
  std::int64_t open_incidents = 0;
  Seconds avg_mttr;
};
// Services by incidents in the window, most first (tie: name, then id), at most `limit`.
std::vector<Offender> top_offenders(pqxx::transaction_base& tx, std::string_view window, int limit);

struct ServiceMetrics {
  ServiceRef service;
  IncidentCounts counts;
  KpiStats mtta;
  KpiStats mttr;
};
// Every service with incidents in the window, by name (then id).
std::vector<ServiceMetrics> metrics_by_service(pqxx::transaction_base& tx, std::string_view window);

// One incident as the export writes it; timestamps RFC 3339 (UTC, milliseconds).
struct ExportRow {
  std::string id;
  std::string short_id;
  std::string title;
  std::string severity;
  std::string status;
  std::string service;  // its name
  std::string created_at;
  std::string detected_at;
  std::optional<std::string> acknowledged_at;
  std::optional<std::string> mitigated_at;
  std::optional<std::string> resolved_at;
  Seconds mttd;
  Seconds mtta;
  Seconds mttr;
  std::optional<std::string> root_cause;
};
// Calls `row` for each incident of the window (every incident without one),
// oldest first (created_at, then creation order), reading `batch` rows at a time
// so that only one batch is held; stops early when `row` returns false. Run it in
// a REPEATABLE READ transaction for one consistent picture across batches.
void for_each_export_row(pqxx::transaction_base& tx, const std::optional<std::string>& window,
                         int batch, const std::function<bool(const ExportRow&)>& row);

}  // namespace switchyard::storage::incidents
