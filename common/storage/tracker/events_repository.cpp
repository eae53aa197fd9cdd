#include "storage/tracker/events_repository.hpp"

#include <fmt/format.h>

#include "storage/record_sql.hpp"

namespace switchyard::storage::tracker {
namespace {

const std::string kColumns = select_list<Event>();

const std::string kInsertEvent =
    "INSERT INTO tracker_events (" + column_list<Event>(Write::kInsert) + ") VALUES (" +
    parameter_list<Event>(Write::kInsert) + ") ON CONFLICT (id) DO NOTHING";

const std::string kUpdateEvent =
    "UPDATE tracker_events SET " + update_assignments<Event>() + " WHERE id = $1";

const std::string kFindEvent = "SELECT " + kColumns + " FROM tracker_events WHERE id = $1::uuid";

// Lists and counts: one statement per filter combination, sent unnamed so that
// PostgreSQL plans each for its values (migrations/0014 has the indexes); a
// catch-all `($1 IS NULL OR source = $1) AND ...` statement gets one plan for all.
const std::string kListEvents = "SELECT " + kColumns + " FROM tracker_events WHERE true";
constexpr const char* kCountEvents = "SELECT count(*) FROM tracker_events WHERE true";
// The unfiltered total, kept by triggers: counting a million rows took 80 ms.
constexpr const char* kTotalEvents = "SELECT coalesce(sum(n), 0)::bigint FROM tracker_event_total";
constexpr const char* kEffectiveDate = "coalesce(start_date, created_at)";
constexpr const char* kToday =
    " AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

// Appends the conditions of `f` to `statement`.
void add_conditions(const EventFilter& f, SqlStatement& statement) {
  if (f.source) statement.bind("source =", *f.source, "text");
  if (f.type) statement.bind("type =", std::to_string(*f.type), "smallint");
  if (f.priority) statement.bind("priority =", std::to_string(*f.priority), "smallint");
  if (f.status) statement.bind("status =", std::to_string(*f.status), "smallint");
  if (f.service) statement.bind("service =", *f.service, "text");
  if (f.environment) statement.bind("environment =", std::to_string(*f.environment), "smallint");
  if (f.impact) statement.bind("impact =", *f.impact ? "true" : "false", "boolean");
  if (f.start_date)
    statement.bind(std::string(kEffectiveDate) + " >=", *f.start_date, "timestamptz");
  if (f.end_date) statement.bind(std::string(kEffectiveDate) + " <=", *f.end_date, "timestamptz");
  if (f.today) statement.sql += kToday;
}

// The one enum a search filters by, as tracker_event_day_counts names it
// (dimension, value, condition's type); "all" for none; nullopt when the kept
// day counts cannot answer (a service, `today`, or more than one enum).
struct DayCountKey {
  std::string dimension, value, type;
};
std::optional<DayCountKey> day_count_key(const EventFilter& f) {
  if (f.service || f.today) return std::nullopt;
  std::vector<DayCountKey> keys;
  if (f.source) keys.push_back({"source", *f.source, "text"});
  if (f.type) keys.push_back({"type", std::to_string(*f.type), "smallint"});
  if (f.priority) keys.push_back({"priority", std::to_string(*f.priority), "smallint"});
  if (f.status) keys.push_back({"status", std::to_string(*f.status), "smallint"});
  if (f.environment) keys.push_back({"environment", std::to_string(*f.environment), "smallint"});
  if (f.impact) keys.push_back({"impact", *f.impact ? "true" : "false", "boolean"});
  if (keys.size() > 1) return std::nullopt;
  if (keys.empty()) return DayCountKey{"all", "", ""};
  return keys.front();
}

// The exact count of a search by one enum (or none) and a date range: the kept
// counts of the range's whole UTC days, plus its partial first and last days
// counted from the events (the whole range when it lies within one day).
SqlStatement day_count_statement(const EventFilter& f, const DayCountKey& key) {
  SqlStatement s{"",
                 {f.start_date.value_or("-infinity"), f.end_date.value_or("infinity"),
                  key.dimension, key.value}};
  std::string condition;
  if (key.dimension != "all") {
    condition = fmt::format(" AND {} = $4::text::{}", key.dimension, key.type);
  }
  s.sql = fmt::format(R"(
WITH r AS (SELECT lo, hi, date_trunc('day', lo, 'UTC') AS lo_day, date_trunc('day', hi, 'UTC') AS end_day
             FROM (SELECT $1::timestamptz AS lo,
                          $2::timestamptz + interval '1 microsecond' AS hi) b),
     d AS (SELECT lo, hi, end_day,
                  CASE WHEN lo_day = lo THEN lo ELSE lo_day + interval '1 day' END AS first_day
             FROM r)
SELECT CASE WHEN d.first_day >= d.end_day
            THEN (SELECT count(*) FROM tracker_events
                   WHERE {0} >= d.lo AND {0} < d.hi{1})
            ELSE (SELECT coalesce(sum(n), 0) FROM tracker_event_day_counts
                   WHERE dimension = $3::text AND value = $4::text AND day >= d.first_day AND day < d.end_day)
               + (SELECT count(*) FROM tracker_events
                   WHERE {0} >= d.lo AND {0} < d.first_day{1})
               + (SELECT count(*) FROM tracker_events
                   WHERE {0} >= d.end_day AND {0} < d.hi{1})
       END::bigint
  FROM d)",
                      kEffectiveDate, condition);
  return s;
}

// A search ending at an end date (migration 0027): its page is the newest of the
// events created by two days after the end date (their ids are below the bound
// of that time: the walk starts there) and of those created later but started
// more than a day before (tracker_events_backdated_idx). An event in the range
// created more than two days after its end started over a day before its
// creation, whatever the skew between the API's and the database's clocks
// under a day.
SqlStatement bounded_by_end_date(const SqlStatement& filtered, const std::string& end_date,
                                 int limit, int skipped) {
  SqlStatement s = filtered;
  s.values.push_back(end_date);
  const std::string end = "$" + std::to_string(s.values.size());
  const std::string where = s.sql.substr(kListEvents.size());
  const std::string bound =
      fmt::format("tracker_event_id_bound({}::timestamptz + interval '2 days')", end);
  s.sql = fmt::format(R"(
SELECT {0} FROM tracker_events WHERE id IN (
  SELECT id FROM ((SELECT id FROM tracker_events WHERE true{1} AND id <= {2}
                    ORDER BY id DESC LIMIT {3})
                  UNION ALL
                  (SELECT id FROM tracker_events WHERE true{1} AND id > {2}
                      AND created_at - start_date > interval '1 day'
                    ORDER BY id DESC LIMIT {3})) k
   ORDER BY id DESC LIMIT {4} OFFSET {5})
 ORDER BY id DESC)",
                      kColumns, where, bound, limit + skipped, limit, skipped);
  return s;
}

bool unfiltered(const EventFilter& f) {
  return !f.source && !f.type && !f.priority && !f.status && !f.service && !f.environment &&
         !f.impact && !f.start_date && !f.end_date && !f.today;
}

std::optional<Event> first_event(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return read_record<Event>(rows[0]);
}

}  // namespace

bool insert_event(pqxx::transaction_base& tx, const Event& event) {
  return exec_record(tx, kInsertEvent, event, Write::kInsert).affected_rows() == 1;
}

bool update_event(pqxx::transaction_base& tx, const Event& event) {
  return exec_record(tx, kUpdateEvent, event, Write::kUpdate).affected_rows() == 1;
}

bool delete_event(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM tracker_events WHERE id = $1::uuid", id).affected_rows() == 1;
}

std::optional<Event> find_event(pqxx::transaction_base& tx, const std::string& id) {
  return first_event(tx.exec_params(kFindEvent, id));
}

std::optional<Event> find_event_for_update(pqxx::transaction_base& tx, const std::string& id) {
  return first_event(tx.exec_params(kFindEvent + " FOR UPDATE", id));
}

EventStatements event_list_statements(const EventFilter& f, int limit, int offset,
                                      const std::optional<std::string>& before_id) {
  EventStatements statements{{kCountEvents, {}}, {kListEvents, {}}};
  if (unfiltered(f)) {
    statements.count.sql = kTotalEvents;
  } else if (const auto key = day_count_key(f)) {
    statements.count = day_count_statement(f, *key);
  } else {
    add_conditions(f, statements.count);
  }
  add_conditions(f, statements.page);
  if (before_id) statements.page.bind("id <", *before_id, "uuid");
  const int skipped = before_id ? 0 : offset;
  if (f.end_date) {
    statements.page = bounded_by_end_date(statements.page, *f.end_date, limit, skipped);
  } else {
    statements.page.sql += fmt::format(" ORDER BY id DESC LIMIT {} OFFSET {}", limit, skipped);
  }
  return statements;
}

EventPage list_events(pqxx::transaction_base& tx, const EventFilter& f, int limit, int offset,
                      const std::optional<std::string>& before_id) {
  const EventStatements statements = event_list_statements(f, limit, offset, before_id);
  EventPage page;
  page.total = statements.count.run(tx)[0][0].as<std::int64_t>();
  for (const auto& row : statements.page.run(tx)) page.events.push_back(read_record<Event>(row));
  return page;
}

}  // namespace switchyard::storage::tracker
