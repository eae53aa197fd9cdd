#include "storage/tracker/events_repository.hpp"

namespace switchyard::storage::tracker {
namespace {

// A row as JSON, times in RFC 3339 UTC.
constexpr const char* kRowJson =
    "(to_jsonb(e) || jsonb_build_object('created_at', rfc3339(e.created_at), "
    "'start_date', rfc3339(e.start_date), 'end_date', rfc3339(e.end_date)))::text";

constexpr const char* kColumns =
    "id uuid, title text, message text, source text, type smallint, priority smallint, "
    "related_id text, service text, status smallint, environment smallint, impact boolean, "
    "start_date timestamptz, end_date timestamptz, owner text, stake_holders text[], "
    "notification boolean, pull_request_link text, ticket text, slack_id text, created_by text";

constexpr const char* kFilter =
    " WHERE ($1::text IS NULL OR source = $1) AND ($2::smallint IS NULL OR type = $2)"
    "   AND ($3::smallint IS NULL OR priority = $3) AND ($4::smallint IS NULL OR status = $4)"
    "   AND ($5::text IS NULL OR service = $5) AND ($6::smallint IS NULL OR environment = $6)"
    "   AND ($7::boolean IS NULL OR impact = $7)"
    "   AND ($8::timestamptz IS NULL OR coalesce(start_date, created_at) >= $8)"
    "   AND ($9::timestamptz IS NULL OR coalesce(start_date, created_at) <= $9)"
    "   AND (NOT $10::boolean OR created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') "
    "        AT TIME ZONE 'UTC')";

}  // namespace

bool insert_event(pqxx::transaction_base& tx, const std::string& row_json) {
  return tx.exec_params(
               std::string(
                   "INSERT INTO tracker_events (id, title, message, source, type, priority, "
                   "related_id, service, status, environment, impact, start_date, end_date, "
                   "owner, stake_holders, notification, pull_request_link, ticket, slack_id, "
                   "created_by) SELECT x.id, x.title, coalesce(x.message, ''), "
                   "coalesce(x.source, ''), x.type, coalesce(x.priority, 0), "
                   "coalesce(x.related_id, ''), x.service, coalesce(x.status, 0), "
                   "coalesce(x.environment, 0), coalesce(x.impact, false), x.start_date, "
                   "x.end_date, coalesce(x.owner, ''), coalesce(x.stake_holders, '{}'), "
                   "coalesce(x.notification, false), coalesce(x.pull_request_link, ''), "
                   "coalesce(x.ticket, ''), coalesce(x.slack_id, ''), "
                   "coalesce(x.created_by, '') FROM jsonb_to_record($1::jsonb) AS x(") +
                   kColumns + ") ON CONFLICT (id) DO NOTHING",
               row_json)
             .affected_rows() == 1;
}

bool update_event(pqxx::transaction_base& tx, const std::string& id,
                  const std::string& changes_json) {
  // Each column keeps its value unless the changes name it.
  static const std::string sql = [] {
    std::string set;
    for (const char* column :
         {"title", "message", "source", "type", "priority", "related_id", "service", "status",
          "environment", "impact", "start_date", "end_date", "owner", "stake_holders",
          "notification", "pull_request_link", "ticket", "slack_id"}) {
      if (!set.empty()) set += ", ";
      set += std::string(column) + " = CASE WHEN $2::jsonb ? '" + column + "' THEN x." + column +
             " ELSE e." + column + " END";
    }
    return "UPDATE tracker_events e SET " + set + " FROM jsonb_to_record($2::jsonb) AS x(" +
           kColumns + ") WHERE e.id = $1::uuid";
  }();
  return tx.exec_params(sql, id, changes_json).affected_rows() == 1;
}

bool delete_event(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM tracker_events WHERE id = $1::uuid", id).affected_rows() == 1;
}

std::optional<std::string> find_event(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kRowJson + " FROM tracker_events e WHERE id = $1::uuid", id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

EventPage list_events(pqxx::transaction_base& tx, const EventFilter& f, int limit, int offset,
                      const std::optional<std::string>& before_id) {
  EventPage page;
  page.total = tx.exec_params1(std::string("SELECT count(*) FROM tracker_events") + kFilter,
                               f.source, f.type, f.priority, f.status, f.service, f.environment,
                               f.impact, f.start_date, f.end_date, f.today)[0]
                   .as<std::int64_t>();
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kRowJson + " FROM tracker_events e" + kFilter +
          " AND ($11::uuid IS NULL OR id < $11) ORDER BY id DESC LIMIT $12 OFFSET $13",
      f.source, f.type, f.priority, f.status, f.service, f.environment, f.impact, f.start_date,
      f.end_date, f.today, before_id, limit, before_id ? 0 : offset);
  for (const auto& row : rows) page.rows.push_back(row[0].as<std::string>());
  return page;
}

}  // namespace switchyard::storage::tracker
