#include "storage/tasks/task_throughput.hpp"

namespace switchyard::storage {
namespace {

// Every minute of the window is in the series, zeros included, oldest first. The
// rate divides by the window's length so far: whole minutes, then the current
// one up to now. The failure rate is of the tasks that ran to an end (cancelled
// ones never ran); null when none did.
constexpr const char* kThroughputSql = R"(
WITH window_bounds AS (
    SELECT date_trunc('minute', now()) - make_interval(mins => $1 - 1) AS first_minute,
           date_trunc('minute', now()) AS last_minute),
per_minute AS (
    SELECT m.minute,
           coalesce(sum(t.n) FILTER (WHERE t.status = 'succeeded'), 0) AS succeeded,
           coalesce(sum(t.n) FILTER (WHERE t.status = 'failed'), 0)    AS failed,
           coalesce(sum(t.n) FILTER (WHERE t.status = 'dead'), 0)      AS dead,
           coalesce(sum(t.n) FILTER (WHERE t.status = 'cancelled'), 0) AS cancelled,
           coalesce(sum(t.n) FILTER (WHERE t.status = 'retrying'), 0)  AS retrying
      FROM window_bounds b,
           generate_series(b.first_minute, b.last_minute, interval '1 minute') AS m(minute)
      LEFT JOIN task_minutes t
             ON t.minute = m.minute AND ($2::text IS NULL OR t.service = $2::text)
     GROUP BY m.minute),
totals AS (
    SELECT sum(succeeded) AS succeeded, sum(failed) AS failed, sum(dead) AS dead,
           sum(cancelled) AS cancelled, sum(retrying) AS retrying,
           extract(epoch FROM now() - (SELECT first_minute FROM window_bounds)) AS seconds
      FROM per_minute)
SELECT jsonb_build_object(
    'minutes', $1::int,
    'service', $2::text,
    'from', (SELECT rfc3339(first_minute) FROM window_bounds),
    'to', rfc3339(now()),
    'totals', jsonb_build_object('succeeded', succeeded, 'failed', failed, 'dead', dead,
                                 'cancelled', cancelled, 'retrying', retrying),
    'tasks_per_second',
        round((succeeded + failed + dead + cancelled) / greatest(seconds, 1)::numeric, 6),
    'failure_rate',
        round((failed + dead) / nullif(succeeded + failed + dead, 0)::numeric, 4),
    'series', (SELECT jsonb_agg(jsonb_build_object(
                          'minute', rfc3339(minute), 'succeeded', succeeded, 'failed', failed,
                          'dead', dead, 'cancelled', cancelled, 'retrying', retrying)
                      ORDER BY minute)
                 FROM per_minute))::text
  FROM totals)";

}  // namespace

std::string task_throughput_json(pqxx::transaction_base& tx, int minutes,
                                 const std::optional<std::string>& service) {
  return tx.exec_params1(kThroughputSql, minutes, service)[0].as<std::string>();
}

std::int64_t purge_task_minutes(pqxx::transaction_base& tx) {
  return static_cast<std::int64_t>(
      tx.exec_params("DELETE FROM task_minutes "
                     " WHERE minute < date_trunc('minute', now()) - make_interval(mins => $1)",
                     kThroughputHistoryMinutes)
          .affected_rows());
}

}  // namespace switchyard::storage
