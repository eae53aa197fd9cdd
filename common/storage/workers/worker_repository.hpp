#pragma once
// SQL of the worker heartbeats (migrations/0003).
#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage {

struct WorkerBeat {
  std::string worker_id;
  std::string host;
  int pid = 0;
  std::vector<std::string> services;
  int in_flight = 0;
  std::int64_t processed = 0;
  std::string started_at;  // RFC 3339
};

void record_heartbeat(pqxx::transaction_base& tx, const WorkerBeat& beat);

// Forgets a worker that stops cleanly (a killed one ages out).
void remove_heartbeat(pqxx::transaction_base& tx, const std::string& worker_id);

// JSON array of the workers seen within `live_seconds`, most recent first.
std::string live_workers_json(pqxx::transaction_base& tx, int live_seconds);

}  // namespace switchyard::storage
