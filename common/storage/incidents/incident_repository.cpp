#include "storage/incidents/incident_repository.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <random>

#include "json/json_fields.hpp"
#include "storage/sql_statement.hpp"

namespace switchyard::storage::incidents {
namespace {

// The document's KPIs of incident `i`, in whole seconds, null until known.
constexpr const char* kKpis = R"(json_build_object(
    'mttd_seconds', round(extract(epoch FROM i.created_at - i.detected_at))::bigint,
    'mtta_seconds', round(extract(epoch FROM i.acknowledged_at - i.created_at))::bigint,
    'mttr_seconds', round(extract(epoch FROM i.resolved_at - i.created_at))::bigint))";

// "SEV1_CRITICAL" → "SEV1 - Critical", "TRIGGERED" → "Triggered".
constexpr const char* kDisplays = R"(
    'severity_display', split_part(i.severity, '_', 1) || ' - ' || initcap(split_part(i.severity, '_', 2)),
    'status_display', initcap(i.status))";

constexpr const char* kLead = R"(
    CASE WHEN u.id IS NULL THEN NULL
         ELSE json_build_object('id', u.id, 'username', u.username, 'email', u.email) END)";

constexpr const char* kInsertIncidentName = "incidents_insert";
constexpr const char* kInsertIncident = R"(
WITH i AS (
    INSERT INTO incidents (id, short_id, title, description, severity, service_id, lead_id,
                           created_by, detected_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()))
    ON CONFLICT (short_id) DO NOTHING
    RETURNING id, severity),
scopes AS (
    INSERT INTO incident_impacted_scopes (incident_id, scope_id)
    SELECT i.id, x::uuid FROM i, jsonb_array_elements_text($10::jsonb) x),
entry AS (
    INSERT INTO incident_timeline (incident_id, type, message, author, data)
    SELECT i.id, 'STATUS_CHANGE', 'Incident created', $8,
           jsonb_build_object('to', 'TRIGGERED', 'severity', i.severity)
      FROM i),
created AS (SELECT count(*) AS n FROM i)
SELECT n, CASE WHEN n = 1 AND $11::jsonb IS NOT NULL
               THEN workflow_create($11::jsonb, $8, NULL, coalesce($12::timestamptz, now())) END,
       (SELECT coalesce((levels -> 0 ->> 'wait_seconds')::int, 0)
          FROM incident_escalation_policies WHERE service_id = $6::uuid)
  FROM created)";

constexpr const char* kFindId = R"(
SELECT id::text FROM incidents
 WHERE CASE WHEN $1 ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            THEN id = $1::uuid ELSE short_id = upper($1) END)";

constexpr const char* kCheckCreation = R"(
SELECT EXISTS (SELECT 1 FROM incident_services WHERE id = $1::uuid),
       coalesce((SELECT jsonb_agg(x) FROM jsonb_array_elements_text($2::jsonb) x
                  WHERE NOT EXISTS (SELECT 1 FROM incident_impact_scopes WHERE id = x::uuid)),
                '[]')::text,
       $3::timestamptz IS NULL OR $3::timestamptz <= now())";

constexpr const char* kStatusOf = "SELECT status FROM incidents WHERE id = $1::uuid";

// How many incidents created after a page's as_of a count subtracts from the
// kept counts; a list pinned further back counts its incidents directly.
constexpr std::int64_t kLaterIncidentsCounted = 10000;

// The orderings by a value, in the value's order (ascending).
const std::vector<std::string_view> kLifecycle = {"TRIGGERED", "ACKNOWLEDGED", "MITIGATED",
                                                  "RESOLVED"};
const std::vector<std::string_view> kSeverityOrder = {"SEV1_CRITICAL", "SEV2_HIGH", "SEV3_MEDIUM",
                                                      "SEV4_LOW"};

// The column an ordering walks value by value ("" for the time orderings).
std::string_view ordering_key(std::string_view ordering) {
  if (ordering == "severity" || ordering == "-severity") return "severity";
  if (ordering == "status" || ordering == "-status") return "status";
  return "";
}

// `search` anywhere, its %, _ and \ taken literally (ILIKE's escape is \).
std::string like_pattern(const std::string& search) {
  std::string pattern = "%";
  for (char c : search) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

std::string json_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& v : values) {
    if (out.size() > 1) out.push_back(',');
    out += json::quoted(v);
  }
  out.push_back(']');
  return out;
}

// Six characters of [0-9A-Z] from `bits`.
std::string base36(std::uint64_t bits) {
  static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string text(6, '0');
  for (int i = 5; i >= 0; --i) {
    text[static_cast<std::size_t>(i)] = kDigits[bits % 36];
    bits /= 36;
  }
  return text;
}

// The n-th candidate short id of `id`: first from the UUID's random tail (a
// redelivered write draws the same one), then from the system's randomness.
std::string short_id_candidate(const std::string& id, int n) {
  std::string hex;
  for (char c : id) {
    if (c != '-') hex.push_back(c);
  }
  if (n < 2 && hex.size() == 32) {
    return "INC-" + base36(std::stoull(hex.substr(n == 0 ? 20 : 12, 12), nullptr, 16));
  }
  std::random_device random;
  return "INC-" + base36((std::uint64_t{random()} << 32) | random());
}

// The lifecycle's moves: the statuses each may leave, what it sets, its entry.
struct MoveSql {
  const char* target;
  const char* from;  // SQL array of the statuses it may leave
  const char* sets;  // SET list ($2 actor, $3 message, $4 note, $5 root cause)
  const char* entry;
  const char* answer;  // fields of the answer beyond id and status
};

MoveSql move_sql(Move move) {
  switch (move) {
    case Move::kAcknowledge:
      return {"ACKNOWLEDGED", "ARRAY['TRIGGERED']", "acknowledged_at = now(), acknowledged_by = $2",
              "Incident acknowledged",
              "'acknowledged_at', rfc3339(i.acknowledged_at), 'acknowledged_by', "
              "incident_actor(i.acknowledged_by), 'message', 'Incident acknowledged successfully'"};
    case Move::kMitigate:
      return {"MITIGATED", "ARRAY['TRIGGERED', 'ACKNOWLEDGED']",
              "mitigated_at = now(), mitigated_by = $2, "
              "acknowledged_at = coalesce(i.acknowledged_at, now()), "
              "acknowledged_by = coalesce(i.acknowledged_by, $2)",
              "Incident mitigated",
              "'mitigated_at', rfc3339(i.mitigated_at), 'mitigated_by', "
              "incident_actor(i.mitigated_by), 'message', 'Incident mitigated successfully'"};
    case Move::kResolve:
      break;
  }
  return {
      "RESOLVED", "ARRAY['TRIGGERED', 'ACKNOWLEDGED', 'MITIGATED']",
      "resolved_at = now(), resolved_by = $2, resolution_note = $4::text, root_cause = $5::text, "
      "acknowledged_at = coalesce(i.acknowledged_at, now()), "
      "acknowledged_by = coalesce(i.acknowledged_by, $2)",
      "Incident resolved",
      "'resolved_at', rfc3339(i.resolved_at), 'resolved_by', incident_actor(i.resolved_by), "
      "'resolution_note', i.resolution_note, 'root_cause', i.root_cause, 'kpis', "};
}

}  // namespace

CreatedIncident insert_incident(pqxx::transaction_base& tx, const NewIncident& incident) {
  const std::optional<std::string> lead =
      incident.lead_id ? std::optional<std::string>(std::to_string(*incident.lead_id))
                       : std::nullopt;
  // Prepared once per connection (libpqxx prepares it at first use): parsing and
  // planning this statement each time cost the window as much as running it.
  tx.conn().prepare(kInsertIncidentName, kInsertIncident);
  for (int n = 0;; ++n) {
    const std::string short_id = short_id_candidate(incident.id, n);
    const auto rows = tx.exec_prepared(
        kInsertIncidentName, incident.id, short_id, incident.title, incident.description,
        incident.severity, incident.service_id, lead, incident.created_by, incident.detected_at,
        json_array(incident.impacted_scopes), incident.orchestration, incident.submitted_at);
    if (rows[0][0].as<int>() == 1) {
      CreatedIncident created{short_id, std::nullopt};
      if (!rows[0][2].is_null()) created.escalation_wait = rows[0][2].as<int>();
      return created;
    }
    if (n == 20) throw std::runtime_error("no free short id for incident " + incident.id);
  }
}

MoveOutcome move_incident(pqxx::transaction_base& tx, Move move, const MoveRequest& request) {
  const MoveSql sql = move_sql(move);
  const bool resolving = move == Move::kResolve;
  const std::string statement = fmt::format(
      R"(
WITH old AS (SELECT id, status FROM incidents WHERE id = $1::uuid FOR UPDATE),
moved AS (
    UPDATE incidents i SET status = '{0}', updated_at = now(), {2}
      FROM old WHERE i.id = old.id AND old.status = ANY ({1})
    RETURNING i.*, old.status AS old_status),
entry AS (
    INSERT INTO incident_timeline (incident_id, type, message, author, data)
    SELECT id, 'STATUS_CHANGE', '{3}' || coalesce(': ' || $3::text, ''), $2::text,
           jsonb_strip_nulls(jsonb_build_object('from', old_status, 'to', '{0}', 'message', $3::text,
                                                'resolution_note', $4::text, 'root_cause', $5::text))
      FROM moved)
SELECT json_build_object('id', i.id, 'status', i.status, {4}{5})::text FROM moved i)",
      sql.target, sql.from, sql.sets, sql.entry, sql.answer, resolving ? kKpis : "");
  const auto rows = tx.exec_params(statement, request.incident_id, request.actor, request.message,
                                   request.resolution_note, request.root_cause);
  if (!rows.empty()) return {MoveOutcome::Kind::kMoved, sql.target, rows[0][0].as<std::string>()};
  const auto status = tx.exec_params(kStatusOf, request.incident_id);
  if (status.empty()) return {MoveOutcome::Kind::kNotFound, {}, {}};
  return {MoveOutcome::Kind::kRefused, status[0][0].as<std::string>(), {}};
}

std::optional<std::string> insert_comment(pqxx::transaction_base& tx, const NewComment& comment) {
  const auto rows = tx.exec_params(R"(
WITH c AS (
    INSERT INTO incident_comments (id, incident_id, content, comment_type, author)
    SELECT $1::uuid, i.id, $3::text, $4::text, $5::text FROM incidents i WHERE i.id = $2::uuid
    RETURNING *),
entry AS (
    INSERT INTO incident_timeline (incident_id, type, message, author, data)
    SELECT incident_id, 'COMMENT', left(content, 500), author,
           jsonb_build_object('comment_id', id, 'comment_type', comment_type)
      FROM c)
SELECT json_build_object('id', id, 'content', content, 'comment_type', comment_type,
                          'author', incident_actor(author), 'created_at', rfc3339(created_at))::text
  FROM c)",
                                   comment.id, comment.incident_id, comment.content,
                                   comment.comment_type, comment.author);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<std::string> add_tags(pqxx::transaction_base& tx, const std::string& incident_id,
                                    const std::vector<std::string>& names,
                                    const std::string& actor) {
  if (tx.exec_params("SELECT 1 FROM incidents WHERE id = $1::uuid FOR UPDATE", incident_id)
          .empty()) {
    return std::nullopt;
  }
  // Unknown names join the catalog first (a concurrent writer of the same name
  // wins; the name's existing spelling is kept), then attach.
  tx.exec_params(R"(
INSERT INTO incident_tag_names (id, name)
SELECT gen_random_uuid(), n FROM jsonb_array_elements_text($1::jsonb) n
ON CONFLICT ((lower(name))) DO NOTHING)",
                 json_array(names));
  tx.exec_params(R"(
WITH added AS (
    INSERT INTO incident_tags (incident_id, tag_id, added_by)
    SELECT $1::uuid, t.id, $3 FROM incident_tag_names t
     WHERE lower(t.name) IN (SELECT lower(n) FROM jsonb_array_elements_text($2::jsonb) n)
    ON CONFLICT DO NOTHING
    RETURNING tag_id)
INSERT INTO incident_timeline (incident_id, type, message, author, data)
SELECT $1::uuid, 'TAG', 'Tags added: ' || string_agg(t.name, ', ' ORDER BY t.name), $3,
       jsonb_build_object('tags', jsonb_agg(t.name ORDER BY t.name))
  FROM added a JOIN incident_tag_names t ON t.id = a.tag_id
HAVING count(*) > 0)",
                 incident_id, json_array(names), actor);
  const auto rows = tx.exec_params(R"(
SELECT json_build_object('id', $1::uuid, 'tags', coalesce(json_agg(
           json_build_object('id', t.id, 'name', t.name, 'color', t.color) ORDER BY t.name), '[]'::json))::text
  FROM incident_tags x JOIN incident_tag_names t ON t.id = x.tag_id
 WHERE x.incident_id = $1::uuid)",
                                   incident_id);
  return rows[0][0].as<std::string>();
}

std::optional<std::string> find_incident_id(pqxx::transaction_base& tx, const std::string& key) {
  const auto rows = tx.exec_params(kFindId, key);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<std::string> find_incident_json(pqxx::transaction_base& tx, const std::string& id) {
  static const std::string kDetail = fmt::format(R"(
SELECT json_build_object(
    'id', i.id, 'short_id', i.short_id, 'title', i.title, 'description', i.description,
    'severity', i.severity, 'status', i.status, {0},
    'service', json_build_object(
        'id', s.id, 'name', s.name, 'criticality', s.criticality, 'runbook_url', s.runbook_url,
        'owner_team', CASE WHEN t.id IS NULL THEN NULL
                           ELSE json_build_object('id', t.id, 'name', t.name) END),
    'impacted_scopes', (SELECT coalesce(json_agg(json_build_object('id', sc.id, 'name', sc.name)
                                                  ORDER BY sc.name), '[]'::json)
                          FROM incident_impacted_scopes x
                          JOIN incident_impact_scopes sc ON sc.id = x.scope_id
                         WHERE x.incident_id = i.id),
    'tags', (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'color', g.color)
                                       ORDER BY g.name), '[]'::json)
               FROM incident_tags x JOIN incident_tag_names g ON g.id = x.tag_id
              WHERE x.incident_id = i.id),
    'lead', {1},
    'created_by', incident_actor(i.created_by),
    'war_room_link', i.war_room_link, 'lid_link', i.lid_link,
    'created_at', rfc3339(i.created_at), 'detected_at', rfc3339(i.detected_at),
    'acknowledged_at', rfc3339(i.acknowledged_at), 'acknowledged_by', incident_actor(i.acknowledged_by),
    'mitigated_at', rfc3339(i.mitigated_at), 'mitigated_by', incident_actor(i.mitigated_by),
    'resolved_at', rfc3339(i.resolved_at), 'resolved_by', incident_actor(i.resolved_by),
    'resolution_note', i.resolution_note, 'root_cause', i.root_cause,
    'kpis', {2},
    'timeline', (SELECT coalesce(json_agg(json_build_object(
                     'id', e.id, 'type', e.type, 'message', e.message,
                     'timestamp', rfc3339(e.created_at), 'author', incident_actor(e.author),
                     'data', e.data) ORDER BY e.created_at, e.id), '[]'::json)
                   FROM (SELECT * FROM incident_timeline
                          WHERE incident_id = i.id
                          ORDER BY created_at DESC, id DESC LIMIT 1000) e),
    'links', json_build_object('self', '/api/v1/incidents/' || i.id || '/',
                                'orchestration', '/api/v1/workflows/' || i.id))::text
  FROM incidents i
  JOIN incident_services s ON s.id = i.service_id
  LEFT JOIN incident_teams t ON t.id = s.owner_team_id
  LEFT JOIN users u ON u.id = i.lead_id
 WHERE i.id = $1::uuid)",
                                                 kDisplays, kLead, kKpis);
  const auto rows = tx.exec_params(kDetail, id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

CreationCheck check_creation(pqxx::transaction_base& tx, const std::string& service_id,
                             const std::vector<std::string>& scopes,
                             const std::optional<std::string>& detected_at) {
  const auto row = tx.exec_params1(kCheckCreation, service_id, json_array(scopes), detected_at);
  CreationCheck check;
  check.service_exists = row[0].as<bool>();
  const std::string unknown = row[1].as<std::string>();
  for (std::size_t at = unknown.find('"'); at != std::string::npos;) {
    const std::size_t end = unknown.find('"', at + 1);
    check.unknown_scopes.push_back(unknown.substr(at + 1, end - at - 1));
    at = unknown.find('"', end + 1);
  }
  check.detected_in_past = row[2].as<bool>();
  return check;
}

const std::vector<std::string_view>& incident_orderings() {
  static const std::vector<std::string_view> kOrderings = {"-created_at", "created_at", "severity",
                                                           "-severity",   "status",     "-status"};
  return kOrderings;
}

IncidentListStatements incident_list_statements(const IncidentFilter& filter, std::int64_t as_of,
                                                std::int64_t newest, SearchPath path) {
  // The filters as conditions on columns of incidents (or of incident_counts);
  // $1 is as_of. `search` comes last: the counts do not know it.
  SqlStatement keys{"", {std::to_string(as_of)}};
  if (filter.status) keys.bind("status =", *filter.status, "text");
  if (filter.severity) keys.bind("severity =", *filter.severity, "text");
  if (filter.service_id) keys.bind("service_id =", *filter.service_id, "uuid");
  SqlStatement conditions = keys;
  const bool by_index = filter.search && path == SearchPath::kIndex;
  const bool walk = filter.search && path == SearchPath::kWalk;
  if (by_index) {
    conditions.values.push_back(*filter.search);
    // The query worked out once per statement (a subquery), without the
    // lexemes most incidents hold (migration 0029).
    conditions.sql += fmt::format(
        " AND incident_search_words(title || ' ' || description) @@ "
        "(SELECT incident_search_query(${}::text, incident_search_common()))",
        conditions.values.size());
  }
  if (by_index) {
    conditions.bind("(title || ' ' || description) ILIKE", like_pattern(*filter.search), "text");
  } else if (walk) {
    // coalesce(…, true): the same rows (the text is never NULL), but the
    // planner takes it for half the rows instead of guessing a handful, so it
    // walks an index in the list's order and stops at the page's end rather
    // than reading every incident of the filters to sort the few it expects.
    // The walk's count has shown the term common among the newest of them.
    conditions.values.push_back(like_pattern(*filter.search));
    conditions.sql +=
        fmt::format(" AND coalesce((title || ' ' || description) ILIKE ${}::text, true)",
                    conditions.values.size());
  }

  IncidentListStatements out;
  out.fetch = walk ? filter.limit + 1 : filter.limit;
  if (by_index) {
    out.count_limit = std::max(kSearchMatchesCounted, filter.offset + filter.limit + 1);
    out.count = {
        fmt::format(
            "SELECT count(*) FROM (SELECT FROM incidents WHERE seq <= $1::bigint{} LIMIT {}) m",
            conditions.sql, *out.count_limit),
        conditions.values};
  } else if (walk) {
    // The matches among the filters' newest incidents, how many were read, and
    // whether the index can look the term up.
    out.rows_walked = kSearchRowsWalked;
    SqlStatement walked = keys;
    walked.values.push_back(like_pattern(*filter.search));
    walked.values.push_back(*filter.search);
    out.count = {
        fmt::format("SELECT count(*) FILTER (WHERE text ILIKE ${}::text), count(*), "
                    "incident_search_query(${}::text, '{{}}') IS NOT NULL FROM ("
                    "SELECT title || ' ' || description AS text FROM incidents "
                    "WHERE seq <= $1::bigint{} ORDER BY created_at DESC, seq DESC LIMIT {}) w",
                    walked.values.size() - 1, walked.values.size(), keys.sql, *out.rows_walked),
        walked.values};
  } else if (newest - as_of <= kLaterIncidentsCounted) {
    out.count = {
        fmt::format("SELECT (SELECT coalesce(sum(n), 0) FROM incident_counts WHERE true{0})"
                    " - (SELECT count(*) FROM incidents WHERE seq > $1::bigint{0})",
                    keys.sql),
        keys.values};
  } else {
    out.count = {"SELECT count(*) FROM incidents WHERE seq <= $1::bigint" + conditions.sql,
                 conditions.values};
  }

  // The page's keys first (from the indexes alone but for `search`), then the
  // documents of those few incidents.
  const bool oldest_first = filter.ordering == "created_at";
  const std::string time_order = oldest_first ? "created_at, seq" : "created_at DESC, seq DESC";
  const std::string_view key = ordering_key(filter.ordering);
  const std::int64_t end = filter.offset + out.fetch;
  std::string page_keys;
  if (by_index) {
    // The few matches read once from the index, then sorted (OFFSET 0 keeps the
    // planner from walking an ordered index instead).
    std::string rank = "0";
    if (!key.empty()) {
      const auto& values = key == "status" ? kLifecycle : kSeverityOrder;
      rank = fmt::format("array_position(ARRAY['{}'], {})", fmt::join(values, "','"), key);
      if (filter.ordering.front() == '-') rank = "-" + rank;
    }
    page_keys = fmt::format(
        "SELECT {} AS rank, created_at, seq FROM (SELECT status, severity, created_at, seq "
        "FROM incidents WHERE seq <= $1::bigint{} OFFSET 0) m ORDER BY 1, {} LIMIT {} OFFSET {}",
        rank, conditions.sql, time_order, out.fetch, filter.offset);
  } else if (key.empty()) {
    page_keys = fmt::format(
        "SELECT 0 AS rank, created_at, seq FROM incidents WHERE seq <= $1::bigint{} "
        "ORDER BY {} LIMIT {} OFFSET {}",
        conditions.sql, time_order, out.fetch, filter.offset);
  } else {
    // By severity or status: the incidents of each value in turn, newest first,
    // each along the index of that value; a branch needs at most offset + fetch.
    const auto& values = key == "status" ? kLifecycle : kSeverityOrder;
    const std::optional<std::string>& fixed = key == "status" ? filter.status : filter.severity;
    const bool descending = filter.ordering.front() == '-';
    std::string branches;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string_view value = values[descending ? values.size() - 1 - i : i];
      if (fixed && *fixed != value) continue;
      if (!branches.empty()) branches += " UNION ALL ";
      branches += fmt::format(
          "(SELECT {} AS rank, created_at, seq FROM incidents WHERE seq <= $1::bigint{} "
          "AND {} = '{}' ORDER BY {} LIMIT {})",
          i, conditions.sql, key, value, time_order, end);
    }
    page_keys = fmt::format("SELECT * FROM ({}) b ORDER BY rank, {} LIMIT {} OFFSET {}", branches,
                            time_order, out.fetch, filter.offset);
  }
  out.page = {fmt::format(R"(
WITH k AS ({0})
SELECT json_build_object(
    'id', i.id, 'short_id', i.short_id, 'title', i.title, 'description', i.description,
    'severity', i.severity, 'status', i.status, {1},
    'service', json_build_object('id', s.id, 'name', s.name), 'lead', {2},
    'war_room_link', i.war_room_link, 'lid_link', i.lid_link,
    'created_at', rfc3339(i.created_at), 'detected_at', rfc3339(i.detected_at),
    'acknowledged_at', rfc3339(i.acknowledged_at), 'resolved_at', rfc3339(i.resolved_at))::text
  FROM k
  JOIN incidents i ON i.seq = k.seq
  JOIN incident_services s ON s.id = i.service_id
  LEFT JOIN users u ON u.id = i.lead_id
 ORDER BY k.rank, {3})",
                          page_keys, kDisplays, kLead,
                          oldest_first ? "k.created_at, k.seq" : "k.created_at DESC, k.seq DESC"),
              conditions.values};
  return out;
}

SearchPath search_path(std::int64_t matches, std::int64_t walked, std::int64_t needed,
                       bool indexable) {
  if (!indexable || walked < kSearchRowsWalked || matches >= needed) return SearchPath::kWalk;
  // The walk expected to fill the page within kSearchPageRowsWalked incidents.
  if (matches > 0 && needed * walked / matches <= kSearchPageRowsWalked) return SearchPath::kWalk;
  return SearchPath::kIndex;
}

IncidentPage list_incidents(pqxx::transaction_base& tx, const IncidentFilter& filter) {
  IncidentPage page;
  const auto newest = tx.exec1("SELECT coalesce(max(seq), 0) FROM incidents")[0].as<std::int64_t>();
  page.as_of = filter.as_of ? *filter.as_of : newest;
  IncidentListStatements statements = incident_list_statements(filter, page.as_of, newest);
  if (filter.search) {
    // The walk's count first: it tells how common the term is among the
    // filters' newest incidents.
    statements = incident_list_statements(filter, page.as_of, newest, SearchPath::kWalk);
    const auto walked = statements.count.run(tx)[0];
    page.count = walked[0].as<std::int64_t>();
    const auto rows = walked[1].as<std::int64_t>();
    page.count_exact = rows < *statements.rows_walked;  // every incident of the filters read
    const bool indexable = walked[2].as<bool>();
    if (search_path(page.count, rows, filter.offset + filter.limit + 1, indexable) ==
        SearchPath::kIndex) {
      statements = incident_list_statements(filter, page.as_of, newest, SearchPath::kIndex);
    }
  }
  if (!statements.rows_walked) {
    page.count = statements.count.run(tx)[0][0].as<std::int64_t>();
    page.count_exact = !statements.count_limit || page.count < *statements.count_limit;
  }
  if (page.count_exact && page.count <= filter.offset) return page;
  for (const auto& row : statements.page.run(tx)) {
    page.items_json.push_back(row[0].as<std::string>());
  }
  if (statements.rows_walked && !page.count_exact) {
    // The page walked on past the counted incidents: a page short of its rows
    // found the last match, a full one at least one past the page.
    const auto found = static_cast<std::int64_t>(page.items_json.size());
    if (found > 0 && found < statements.fetch) {
      page.count = filter.offset + found;
      page.count_exact = true;
    } else {
      page.count = std::max(page.count, filter.offset + found);
    }
  }
  if (page.items_json.size() > static_cast<std::size_t>(filter.limit)) page.items_json.pop_back();
  return page;
}

std::optional<CommentPage> list_comments(pqxx::transaction_base& tx, const std::string& incident_id,
                                         std::int64_t offset, int limit) {
  const auto head = tx.exec_params(
      "SELECT (SELECT count(*) FROM incident_comments WHERE incident_id = i.id) "
      "FROM incidents i WHERE i.id = $1::uuid",
      incident_id);
  if (head.empty()) return std::nullopt;
  CommentPage page;
  page.count = head[0][0].as<std::int64_t>();
  const auto rows = tx.exec_params(R"(
SELECT json_build_object('id', id, 'content', content, 'comment_type', comment_type,
                          'author', incident_actor(author), 'created_at', rfc3339(created_at))::text
  FROM incident_comments WHERE incident_id = $1::uuid
 ORDER BY created_at, id LIMIT $2 OFFSET $3)",
                                   incident_id, limit, offset);
  for (const auto& row : rows) page.items_json.push_back(row[0].as<std::string>());
  return page;
}

}  // namespace switchyard::storage::incidents
