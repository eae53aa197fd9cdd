#include "storage/incidents/teams_repository.hpp"

namespace switchyard::storage::incidents {
namespace {

const std::string kUser =
    "jsonb_build_object('id', u.id, 'username', u.username, 'email', u.email)";

const std::string kTeamJson =
    "jsonb_build_object('id', t.id, 'name', t.name, 'description', t.description, "
    "'slack_channel_id', t.slack_channel_id, "
    "'current_on_call', " +
    user_json_sql("incident_on_call(t, now())") +
    ", "
    "'created_at', rfc3339(t.created_at), 'updated_at', rfc3339(t.updated_at))";

// The next 4 handovers after now: turn k starts at rotation_start + k × shift_days
// days of local wall-clock time (so 09:00 stays 09:00 across a DST change), the
// k-th member's turn (mod the members), as incident_on_call() counts them.
const std::string kUpcoming =
    "coalesce((SELECT jsonb_agg(jsonb_build_object("
    "    'starts_at', rfc3339((t.rotation_start + make_interval(days => (k * t.shift_days)::int))"
    "                         AT TIME ZONE t.time_zone), "
    "    'user', (SELECT " +
    kUser +
    " FROM incident_team_members m JOIN users u ON u.id = m.user_id"
    "             WHERE m.team_id = t.id ORDER BY m.position OFFSET mod(k, c.n) LIMIT 1)) ORDER BY "
    "k)"
    "  FROM (SELECT count(*) AS n FROM incident_team_members WHERE team_id = t.id) c"
    "  CROSS JOIN LATERAL (SELECT greatest(0, floor(extract(epoch FROM"
    "      (now() AT TIME ZONE t.time_zone) - t.rotation_start) / 86400 / t.shift_days)::bigint + "
    "1)"
    "      AS first) f"
    "  CROSS JOIN LATERAL generate_series(f.first, f.first + 3) k"
    "  WHERE t.rotation_start IS NOT NULL AND c.n > 0), '[]')";

const std::string kOnCall =
    "jsonb_build_object('on_call', jsonb_build_object("
    "  'time_zone', t.time_zone, "
    "  'rotation_start', to_char(t.rotation_start, 'YYYY-MM-DD\"T\"HH24:MI:SS'), "
    "  'shift_days', t.shift_days, "
    "  'members', coalesce((SELECT jsonb_agg(" +
    kUser +
    " ORDER BY m.position) "
    "     FROM incident_team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = t.id), "
    "'[]'), "
    "  'upcoming', " +
    kUpcoming +
    ", "
    "  'overrides', coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'user', " +
    kUser +
    ", "
    "     'starts_at', rfc3339(o.starts_at), 'ends_at', rfc3339(o.ends_at)) ORDER BY o.starts_at, "
    "o.id) "
    "     FROM incident_on_call_overrides o JOIN users u ON u.id = o.user_id "
    "     WHERE o.team_id = t.id AND o.ends_at > now()), '[]')))";

constexpr const char* kTeamWhere =
    " FROM incident_teams t WHERE ($1::text IS NULL OR strpos(lower(t.name), lower($1)) > 0)";

constexpr const char* kInsertMembers =
    "INSERT INTO incident_team_members (team_id, position, user_id) "
    "SELECT $1::uuid, m.position, m.user_id::bigint "
    "FROM jsonb_array_elements_text($2::jsonb #> '{on_call,members}') WITH ORDINALITY "
    "     AS m(user_id, position)";

}  // namespace

std::optional<std::string> find_team_json(pqxx::transaction_base& tx, const std::string& id) {
  return first_text(tx.exec_params("SELECT (" + kTeamJson + " || " + kOnCall +
                                       ")::text FROM incident_teams t WHERE t.id = $1::uuid",
                                   id));
}

JsonPage list_teams(pqxx::transaction_base& tx, const CatalogFilter& filter) {
  return json_page(tx.exec_params(std::string("SELECT count(*)") + kTeamWhere, filter.search),
                   tx.exec_params("SELECT " + kTeamJson + "::text" + kTeamWhere +
                                      " ORDER BY lower(t.name), t.id LIMIT $2 OFFSET $3",
                                  filter.search, filter.limit, filter.offset));
}

bool team_exists(pqxx::transaction_base& tx, const std::string& id) {
  return !tx.exec_params("SELECT 1 FROM incident_teams WHERE id = $1::uuid", id).empty();
}

bool team_name_taken(pqxx::transaction_base& tx, const std::string& name,
                     const std::optional<std::string>& except_id) {
  return !tx.exec_params(
                "SELECT 1 FROM incident_teams WHERE lower(name) = lower($1) "
                "AND id IS DISTINCT FROM $2::uuid",
                name, except_id)
              .empty();
}

std::vector<std::int64_t> unknown_users(pqxx::transaction_base& tx,
                                        const std::vector<std::int64_t>& ids) {
  std::string array = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    array += (i > 0 ? "," : "") + std::to_string(ids[i]);
  }
  array += "}";
  std::vector<std::int64_t> unknown;
  for (const auto& row :
       tx.exec_params("SELECT id FROM unnest($1::bigint[]) WITH ORDINALITY AS wanted(id, n) "
                      "WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = wanted.id) ORDER BY n",
                      array)) {
    unknown.push_back(row[0].as<std::int64_t>());
  }
  return unknown;
}

std::optional<std::string> known_time_zone(pqxx::transaction_base& tx, const std::string& name) {
  return first_text(
      tx.exec_params("SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1) "
                     "ORDER BY name = $1 DESC, name LIMIT 1",
                     name));
}

void insert_team(pqxx::transaction_base& tx, const std::string& payload) {
  const std::string id =
      tx.exec_params1(
            "INSERT INTO incident_teams (id, name, description, slack_channel_id, time_zone, "
            "  rotation_start, shift_days) "
            "SELECT (p->>'id')::uuid, p->>'name', p->>'description', p->>'slack_channel_id', "
            "       p#>>'{on_call,time_zone}', (p#>>'{on_call,rotation_start}')::timestamp, "
            "       (p#>>'{on_call,shift_days}')::int "
            "FROM (SELECT $1::jsonb AS p) input RETURNING id",
            payload)[0]
          .as<std::string>();
  tx.exec_params0(kInsertMembers, id, payload);
}

bool update_team(pqxx::transaction_base& tx, const std::string& id, const std::string& payload,
                 bool with_members) {
  const bool updated =
      tx.exec_params(
            "UPDATE incident_teams t SET "
            "  name = CASE WHEN p ? 'name' THEN p->>'name' ELSE t.name END, "
            "  description = CASE WHEN p ? 'description' THEN p->>'description' "
            "                     ELSE t.description END, "
            "  slack_channel_id = CASE WHEN p ? 'slack_channel_id' THEN p->>'slack_channel_id' "
            "                          ELSE t.slack_channel_id END, "
            "  time_zone = CASE WHEN p->'on_call' ? 'time_zone' THEN p#>>'{on_call,time_zone}' "
            "                   ELSE t.time_zone END, "
            "  rotation_start = CASE WHEN p->'on_call' ? 'rotation_start' "
            "                        THEN (p#>>'{on_call,rotation_start}')::timestamp "
            "                        ELSE t.rotation_start END, "
            "  shift_days = CASE WHEN p->'on_call' ? 'shift_days' "
            "                    THEN (p#>>'{on_call,shift_days}')::int ELSE t.shift_days END, "
            "  updated_at = now() "
            "FROM (SELECT $2::jsonb AS p) input WHERE t.id = $1::uuid",
            id, payload)
          .affected_rows() == 1;
  if (updated && with_members) {
    tx.exec_params0("DELETE FROM incident_team_members WHERE team_id = $1::uuid", id);
    tx.exec_params0(kInsertMembers, id, payload);
  }
  return updated;
}

bool delete_team(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM incident_teams WHERE id = $1::uuid", id).affected_rows() == 1;
}

}  // namespace switchyard::storage::incidents
