#include "storage/incidents/incident_metrics_repository.hpp"

#include <fmt/format.h>

namespace switchyard::storage::incidents {
namespace {

// The window's incidents with their KPIs in seconds (numeric; NULL until known).
constexpr const char* kWindowKpis =
    "SELECT i.*, extract(epoch FROM i.created_at - i.detected_at) AS mttd, "
    "       extract(epoch FROM i.acknowledged_at - i.created_at) AS mtta, "
    "       extract(epoch FROM i.resolved_at - i.created_at) AS mttr "
    "  FROM incidents i WHERE i.created_at >= now() - $1::interval AND i.created_at <= now()";

constexpr int kCountWidth = 10;
// IncidentCounts, kCountWidth columns (read_counts).
constexpr const char* kCountColumns =
    "count(*), count(*) FILTER (WHERE k.status = 'RESOLVED'), "
    "count(*) FILTER (WHERE k.severity = 'SEV1_CRITICAL'), "
    "count(*) FILTER (WHERE k.severity = 'SEV2_HIGH'), "
    "count(*) FILTER (WHERE k.severity = 'SEV3_MEDIUM'), "
    "count(*) FILTER (WHERE k.severity = 'SEV4_LOW'), "
    "count(*) FILTER (WHERE k.status = 'TRIGGERED'), "
    "count(*) FILTER (WHERE k.status = 'ACKNOWLEDGED'), "
    "count(*) FILTER (WHERE k.status = 'MITIGATED'), "
    "count(*) FILTER (WHERE k.status = 'RESOLVED')";

// KpiStats of one KPI, 3 columns (read_kpi). round(numeric) rounds half away
// from zero (round(float8) would round half to even).
std::string kpi_stats(std::string_view kpi) {
  return fmt::format(
      "round(avg(k.{0})), "
      "round((percentile_cont(0.5) WITHIN GROUP (ORDER BY k.{0}::float8))::numeric), "
      "round((percentile_cont(0.9) WITHIN GROUP (ORDER BY k.{0}::float8))::numeric)",
      kpi);
}
const std::string kKpiColumns = kpi_stats("mtta") + ", " + kpi_stats("mttr");

const std::string kSummary = std::string("WITH k AS (") + kWindowKpis + ") SELECT " +
                             kCountColumns + ", round(avg(k.mttd)), " + kKpiColumns + " FROM k";

const std::string kTrends =
    std::string("WITH k AS (") + kWindowKpis +
    "), weeks AS ("
    "  SELECT generate_series(date_trunc('week', (now() - $1::interval) AT TIME ZONE 'UTC'),"
    "                         date_trunc('week', now() AT TIME ZONE 'UTC'),"
    "                         interval '1 week') AS monday) "
    "SELECT to_char(w.monday, 'YYYY-MM-DD'), count(k.id), round(avg(k.mttr)), round(avg(k.mtta)) "
    "  FROM weeks w LEFT JOIN k ON date_trunc('week', k.created_at AT TIME ZONE 'UTC') = w.monday "
    " GROUP BY w.monday ORDER BY w.monday";

const std::string kTopOffenders =
    std::string("WITH k AS (") + kWindowKpis +
    ") SELECT s.id, s.name, s.criticality, count(*), "
    "         count(*) FILTER (WHERE k.status <> 'RESOLVED'), round(avg(k.mttr)) "
    "    FROM k JOIN incident_services s ON s.id = k.service_id "
    "   GROUP BY s.id ORDER BY count(*) DESC, s.name, s.id LIMIT $2";

const std::string kByService = std::string("WITH k AS (") + kWindowKpis +
                               ") SELECT s.id, s.name, s.criticality, " + kCountColumns + ", " +
                               kKpiColumns +
                               "    FROM k JOIN incident_services s ON s.id = k.service_id "
                               "   GROUP BY s.id ORDER BY s.name, s.id";

// Keyset batches: ($2, $3) is the last row's (created_at, seq), NULL for the first
// batch, which starts at the window's start (seq counts from 1). One bound on
// (created_at, seq) keeps each batch an ordered index scan (incidents_time_idx)
// that stops after $4 rows; a separate window condition made PostgreSQL scan
// and sort the whole rest of the window for every batch.
constexpr const char* kExportBatch =
    "SELECT i.id, i.short_id, i.title, i.severity, i.status, s.name, rfc3339(i.created_at), "
    "       rfc3339(i.detected_at), rfc3339(i.acknowledged_at), rfc3339(i.mitigated_at), "
    "       rfc3339(i.resolved_at), "
    "       round(extract(epoch FROM i.created_at - i.detected_at))::bigint, "
    "       round(extract(epoch FROM i.acknowledged_at - i.created_at))::bigint, "
    "       round(extract(epoch FROM i.resolved_at - i.created_at))::bigint, "
    "       i.root_cause, i.created_at, i.seq "
    "  FROM incidents i JOIN incident_services s ON s.id = i.service_id "
    " WHERE (i.created_at, i.seq) > (coalesce($2::timestamptz, now() - $1::interval, '-infinity'),"
    "                                coalesce($3::bigint, 0)) "
    "   AND ($1::interval IS NULL OR i.created_at <= now()) "
    " ORDER BY i.created_at, i.seq LIMIT $4";

Seconds seconds(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::int64_t>();
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

// kCountColumns from column `first`.
IncidentCounts read_counts(const pqxx::row& row, int first) {
  IncidentCounts counts;
  counts.total = row[first].as<std::int64_t>();
  counts.resolved = row[first + 1].as<std::int64_t>();
  counts.open = counts.total - counts.resolved;
  for (int i = 0; i < 4; ++i) {
    counts.by_severity[i] = row[first + 2 + i].as<std::int64_t>();
    counts.by_status[i] = row[first + 6 + i].as<std::int64_t>();
  }
  return counts;
}

KpiStats read_kpi(const pqxx::row& row, int first) {
  return {seconds(row[first]), seconds(row[first + 1]), seconds(row[first + 2])};
}

ServiceRef read_service(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()};
}

}  // namespace

MetricsSummary metrics_summary(pqxx::transaction_base& tx, std::string_view window) {
  const pqxx::row row = tx.exec_params1(kSummary, std::string(window));
  MetricsSummary summary;
  summary.counts = read_counts(row, 0);
  summary.avg_mttd = seconds(row[kCountWidth]);
  summary.mtta = read_kpi(row, kCountWidth + 1);
  summary.mttr = read_kpi(row, kCountWidth + 4);
  return summary;
}

std::vector<WeekBucket> weekly_trends(pqxx::transaction_base& tx, std::string_view window) {
  std::vector<WeekBucket> weeks;
  for (const auto& row : tx.exec_params(kTrends, std::string(window))) {
    weeks.push_back(
        {row[0].as<std::string>(), row[1].as<std::int64_t>(), seconds(row[2]), seconds(row[3])});
  }
  return weeks;
}

std::vector<Offender> top_offenders(pqxx::transaction_base& tx, std::string_view window,
                                    int limit) {
  std::vector<Offender> offenders;
  for (const auto& row : tx.exec_params(kTopOffenders, std::string(window), limit)) {
    offenders.push_back(
        {read_service(row), row[3].as<std::int64_t>(), row[4].as<std::int64_t>(), seconds(row[5])});
  }
  return offenders;
}

std::vector<ServiceMetrics> metrics_by_service(pqxx::transaction_base& tx,
                                               std::string_view window) {
  std::vector<ServiceMetrics> services;
  for (const auto& row : tx.exec_params(kByService, std::string(window))) {
    services.push_back({read_service(row), read_counts(row, 3), read_kpi(row, 3 + kCountWidth),
                        read_kpi(row, 3 + kCountWidth + 3)});
  }
  return services;
}

void for_each_export_row(pqxx::transaction_base& tx, const std::optional<std::string>& window,
                         int batch, const std::function<bool(const ExportRow&)>& row) {
  std::optional<std::string> after_created;
  std::optional<std::int64_t> after_seq;
  while (true) {
    const pqxx::result rows = tx.exec_params(kExportBatch, window, after_created, after_seq, batch);
    for (const auto& r : rows) {
      const ExportRow incident{
          r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
          r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
          r[6].as<std::string>(), r[7].as<std::string>(), optional_text(r[8]),
          optional_text(r[9]),    optional_text(r[10]),   seconds(r[11]),
          seconds(r[12]),         seconds(r[13]),         optional_text(r[14])};
      if (!row(incident)) return;
    }
    if (rows.size() < static_cast<std::size_t>(batch)) return;
    // created_at as PostgreSQL wrote it reads back exactly (microseconds).
    after_created = rows.back()[15].as<std::string>();
    after_seq = rows.back()[16].as<std::int64_t>();
  }
}

}  // namespace switchyard::storage::incidents
