#include "storage/tracker/events_repository.hpp"

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

constexpr const char* kFilter =
    " WHERE ($1::text IS NULL OR source = $1) AND ($2::smallint IS NULL OR type = $2)"
    "   AND ($3::smallint IS NULL OR priority = $3) AND ($4::smallint IS NULL OR status = $4)"
    "   AND ($5::text IS NULL OR service = $5) AND ($6::smallint IS NULL OR environment = $6)"
    "   AND ($7::boolean IS NULL OR impact = $7)"
    "   AND ($8::timestamptz IS NULL OR coalesce(start_date, created_at) >= $8)"
    "   AND ($9::timestamptz IS NULL OR coalesce(start_date, created_at) <= $9)"
    "   AND (NOT $10::boolean OR created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') "
    "        AT TIME ZONE 'UTC')";

const std::string kCountEvents = std::string("SELECT count(*) FROM tracker_events") + kFilter;

const std::string kListEvents = "SELECT " + kColumns + " FROM tracker_events" + kFilter +
                                " AND ($11::uuid IS NULL OR id < $11)"
                                " ORDER BY id DESC LIMIT $12 OFFSET $13";

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

EventPage list_events(pqxx::transaction_base& tx, const EventFilter& f, int limit, int offset,
                      const std::optional<std::string>& before_id) {
  EventPage page;
  page.total = tx.exec_params1(kCountEvents, f.source, f.type, f.priority, f.status, f.service,
                               f.environment, f.impact, f.start_date, f.end_date, f.today)[0]
                   .as<std::int64_t>();
  for (const auto& row : tx.exec_params(
           kListEvents, f.source, f.type, f.priority, f.status, f.service, f.environment, f.impact,
           f.start_date, f.end_date, f.today, before_id, limit, before_id ? 0 : offset)) {
    page.events.push_back(read_record<Event>(row));
  }
  return page;
}

}  // namespace switchyard::storage::tracker
