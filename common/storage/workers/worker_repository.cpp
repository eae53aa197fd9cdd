#include "storage/workers/worker_repository.hpp"

#include "storage/record_sql.hpp"

namespace switchyard::storage {
void record_heartbeat(pqxx::transaction_base& tx, const WorkerBeat& beat) {
  tx.exec_params0(R"(
INSERT INTO worker_heartbeats (worker_id, host, pid, services, in_flight, processed, started_at)
VALUES ($1, $2, $3, $4::text[], $5, $6, $7)
ON CONFLICT (worker_id) DO UPDATE
   SET in_flight = EXCLUDED.in_flight, processed = EXCLUDED.processed, last_seen = now())",
                  beat.worker_id, beat.host, beat.pid, to_text_array(beat.services), beat.in_flight,
                  beat.processed, beat.started_at);
}

void remove_heartbeat(pqxx::transaction_base& tx, const std::string& worker_id) {
  tx.exec_params0("DELETE FROM worker_heartbeats WHERE worker_id = $1", worker_id);
}

std::string live_workers_json(pqxx::transaction_base& tx, int live_seconds) {
  return tx
      .exec_params1(R"(
SELECT coalesce(jsonb_agg(jsonb_build_object(
         'id', worker_id, 'host', host, 'pid', pid, 'services', to_jsonb(services),
         'in_flight', in_flight, 'processed', processed, 'started_at', rfc3339(started_at),
         'last_seen', rfc3339(last_seen)) ORDER BY last_seen DESC), '[]')::text
  FROM worker_heartbeats
 WHERE last_seen > now() - make_interval(secs => $1))",
                    live_seconds)[0]
      .as<std::string>();
}

}  // namespace switchyard::storage
