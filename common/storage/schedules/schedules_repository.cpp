#include "storage/schedules/schedules_repository.hpp"

#include "storage/record_sql.hpp"

namespace switchyard::storage::schedules {
namespace {

using domain::schedules::format_rfc3339;
using domain::schedules::ScheduleType;

std::optional<std::string> first_text(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<std::string> timestamp(std::optional<Seconds> time) {
  if (!time) return std::nullopt;
  return format_rfc3339(*time);
}

std::optional<std::string> only(bool applies, const std::string& value) {
  if (!applies) return std::nullopt;
  return value;
}

std::optional<std::int64_t> interval_of(const ScheduleDefinition& d) {
  if (d.type != ScheduleType::kInterval) return std::nullopt;
  return d.interval_seconds;
}

Seconds from_epoch(std::int64_t seconds) { return Seconds{std::chrono::seconds(seconds)}; }

}  // namespace

std::string list_schedules(pqxx::transaction_base& tx, int skip, int limit) {
  return tx
      .exec_params1(
          "SELECT jsonb_build_object('total', (SELECT count(*) FROM schedules), "
          "  'skip', $1::int, 'limit', $2::int, "
          "  'has_more', (SELECT count(*) FROM schedules) > $1::int + $2::int, "
          "  'items', coalesce((SELECT jsonb_agg(schedule_json(s) ORDER BY s.id) FROM "
          "    (SELECT * FROM schedules ORDER BY id OFFSET $1 LIMIT $2) s), '[]'))::text",
          skip, limit)[0]
      .as<std::string>();
}

std::optional<std::string> find_schedule(pqxx::transaction_base& tx, const std::string& id) {
  return first_text(
      tx.exec_params("SELECT schedule_json(s)::text FROM schedules s WHERE s.id = $1", id));
}

std::optional<ScheduleState> schedule_state(pqxx::transaction_base& tx, const std::string& id) {
  const auto rows =
      tx.exec_params("SELECT builtin, enabled FROM schedules WHERE id = $1 FOR UPDATE", id);
  if (rows.empty()) return std::nullopt;
  return ScheduleState{rows[0][0].as<bool>(), rows[0][1].as<bool>()};
}

std::string insert_schedule(pqxx::transaction_base& tx, const ScheduleDefinition& d,
                            std::optional<Seconds> next_run, const std::string& created_by) {
  const bool cron = d.type == ScheduleType::kScheduled;
  return tx
      .exec_params1(
          "WITH s AS (INSERT INTO schedules (id, name, type, schedule, timezone, interval_seconds,"
          "    run_at, service, action, payload, enabled, misfire_policy, next_run, created_by)"
          "  VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10::jsonb, $11, $12,"
          "          $13::timestamptz, $14) RETURNING *)"
          "SELECT schedule_json(s)::text FROM s",
          d.id, d.name, std::string(to_string(d.type)), only(cron, d.schedule),
          only(cron, d.timezone), interval_of(d),
          timestamp(d.type == ScheduleType::kOnce ? std::optional(d.run_at) : std::nullopt),
          d.service, d.action, d.payload_json, d.enabled, std::string(to_string(d.misfire_policy)),
          timestamp(next_run), created_by)[0]
      .as<std::string>();
}

std::optional<std::string> replace_schedule(pqxx::transaction_base& tx, const ScheduleDefinition& d,
                                            std::optional<Seconds> next_run) {
  const bool cron = d.type == ScheduleType::kScheduled;
  return first_text(tx.exec_params(
      "WITH s AS (UPDATE schedules SET name = $2, type = $3, schedule = $4, timezone = $5,"
      "    interval_seconds = $6, run_at = $7::timestamptz, service = $8, action = $9,"
      "    payload = $10::jsonb, enabled = $11, misfire_policy = $12,"
      "    next_run = $13::timestamptz, updated_at = now()"
      "  WHERE id = $1 AND NOT builtin RETURNING *)"
      "SELECT schedule_json(s)::text FROM s",
      d.id, d.name, std::string(to_string(d.type)), only(cron, d.schedule), only(cron, d.timezone),
      interval_of(d),
      timestamp(d.type == ScheduleType::kOnce ? std::optional(d.run_at) : std::nullopt), d.service,
      d.action, d.payload_json, d.enabled, std::string(to_string(d.misfire_policy)),
      timestamp(next_run)));
}

bool delete_schedule(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM schedules WHERE id = $1 AND NOT builtin", id).affected_rows() >
         0;
}

std::optional<std::string> set_enabled(pqxx::transaction_base& tx, const std::string& id,
                                       bool enabled, std::optional<Seconds> next_run) {
  return first_text(tx.exec_params(
      "WITH s AS (UPDATE schedules SET enabled = $2,"
      "    next_run = CASE WHEN $2 AND type <> 'once' THEN $3::timestamptz ELSE next_run END,"
      "    updated_at = now()"
      "  WHERE id = $1 AND NOT builtin RETURNING *)"
      "SELECT schedule_json(s)::text FROM s",
      id, enabled, timestamp(next_run)));
}

std::vector<DueSchedule> due_schedules(pqxx::transaction_base& tx, Seconds now, int limit) {
  const auto rows = tx.exec_params(
      "SELECT id, type, coalesce(schedule, ''), coalesce(timezone, ''),"
      "       coalesce(interval_seconds, 0), coalesce(extract(epoch FROM run_at)::bigint, 0),"
      "       service, action, payload::text, misfire_policy, fire_key::text,"
      "       extract(epoch FROM next_run)::bigint"
      "  FROM schedules"
      " WHERE enabled AND NOT builtin AND next_run <= to_timestamp($1)"
      " ORDER BY next_run LIMIT $2",
      static_cast<std::int64_t>(now.time_since_epoch().count()), limit);
  std::vector<DueSchedule> due;
  due.reserve(rows.size());
  for (const auto& row : rows) {
    due.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                   row[3].as<std::string>(), row[4].as<std::int64_t>(),
                   from_epoch(row[5].as<std::int64_t>()), row[6].as<std::string>(),
                   row[7].as<std::string>(), row[8].as<std::string>(), row[9].as<std::string>(),
                   row[10].as<std::string>(), from_epoch(row[11].as<std::int64_t>())});
  }
  return due;
}

bool advance_schedule(pqxx::transaction_base& tx, const std::string& id, Seconds fired_from,
                      std::optional<Seconds> next_run) {
  return tx.exec_params(
               "UPDATE schedules SET next_run = $3::timestamptz"
               " WHERE id = $1 AND next_run = to_timestamp($2)",
               id, static_cast<std::int64_t>(fired_from.time_since_epoch().count()),
               timestamp(next_run))
             .affected_rows() > 0;
}

void sync_builtin_jobs(pqxx::transaction_base& tx, const std::vector<BuiltinJob>& jobs) {
  std::vector<std::string> ids;
  for (const auto& job : jobs) {
    ids.push_back(job.id);
    tx.exec_params(
        "INSERT INTO schedules (id, name, type, interval_seconds, builtin, created_by)"
        " VALUES ($1, $2, 'interval', $3, true, 'listener')"
        " ON CONFLICT (id) DO UPDATE SET name = $2, interval_seconds = $3, updated_at = now()"
        " WHERE schedules.builtin",
        job.id, job.name, job.interval_seconds);
  }
  tx.exec_params("DELETE FROM schedules WHERE builtin AND NOT (id = ANY($1::text[]))",
                 to_text_array(ids));
}

void record_builtin_run(pqxx::transaction_base& tx, const std::string& id, bool succeeded,
                        Seconds at, Seconds next_run) {
  tx.exec_params(
      "UPDATE schedules SET builtin_last_run = to_timestamp($2),"
      "  builtin_success_count = builtin_success_count + CASE WHEN $3 THEN 1 ELSE 0 END,"
      "  builtin_failure_count = builtin_failure_count + CASE WHEN $3 THEN 0 ELSE 1 END,"
      "  next_run = to_timestamp($4)"
      " WHERE id = $1 AND builtin",
      id, static_cast<std::int64_t>(at.time_since_epoch().count()), succeeded,
      static_cast<std::int64_t>(next_run.time_since_epoch().count()));
}

}  // namespace switchyard::storage::schedules
