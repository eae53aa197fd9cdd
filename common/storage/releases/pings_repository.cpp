#include "storage/releases/pings_repository.hpp"

namespace switchyard::storage::releases {

void record_ping(pqxx::transaction_base& tx, const std::string& client_name,
                 const std::string& env_name, const std::string& slave_version,
                 const std::string& at) {
  tx.exec_params0(
      "INSERT INTO release_pings (client_name, env_name, slave_version, last_ping) "
      "VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT (client_name, env_name) DO UPDATE "
      "SET slave_version = EXCLUDED.slave_version, "
      "    last_ping = greatest(release_pings.last_ping, EXCLUDED.last_ping)",
      client_name, env_name, slave_version, at);
}

std::string clients_environments_json(pqxx::transaction_base& tx,
                                      std::chrono::seconds online_within,
                                      const std::string& client_name) {
  return tx
      .exec_params1(
          "WITH pairs AS ("
          "  SELECT client_name, env_name FROM release_components"
          "  UNION SELECT client_name, env_name FROM release_pings),"
          " visible AS (SELECT * FROM pairs WHERE $2 = '' OR client_name = $2),"
          " by_client AS (SELECT client_name, jsonb_agg(env_name ORDER BY env_name) envs,"
          "   jsonb_object_agg(env_name, CASE"
          "     WHEN p.last_ping IS NULL THEN jsonb_build_object('status', 'offline')"
          "     ELSE jsonb_build_object('status', CASE WHEN p.last_ping > now() - $1 * interval "
          "          '1 second' THEN 'online' ELSE 'offline' END, 'last_ping', "
          "rfc3339(p.last_ping)) || CASE WHEN p.slave_version = '' THEN '{}'::jsonb"
          "       ELSE jsonb_build_object('slave_version', p.slave_version) END"
          "   END) pings"
          "   FROM visible v LEFT JOIN release_pings p USING (client_name, env_name)"
          "  GROUP BY client_name)"
          "SELECT jsonb_build_object("
          "  'clients_environments', coalesce((SELECT jsonb_object_agg(client_name, envs) FROM "
          "    by_client), '{}'),"
          "  'ping_statuses', coalesce((SELECT jsonb_object_agg(client_name, pings) FROM "
          "    by_client), '{}'),"
          "  'statistics', jsonb_build_object("
          "    'total_clients', (SELECT count(DISTINCT client_name) FROM visible),"
          "    'total_environments', (SELECT count(*) FROM visible),"
          "    'total_releases', (SELECT count(*) FROM release_history h JOIN release_components c"
          "      ON c.id = h.component_id WHERE $2 = '' OR c.client_name = $2)))::text",
          static_cast<int>(online_within.count()), client_name)[0]
      .as<std::string>();
}

}  // namespace switchyard::storage::releases
