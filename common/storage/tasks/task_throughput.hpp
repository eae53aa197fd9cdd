#pragma once
// How many tasks ended per minute (migrations/0035: task_minutes, kept by the
// ledger's count triggers), for GET /api/v1/tasks/throughput and the console's
// overview; and the pruning of minutes past the history kept.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage {

// Minutes of history GET /api/v1/tasks/throughput may ask for: one day.
inline constexpr int kThroughputHistoryMinutes = 24 * 60;

// The last `minutes` minutes (the current one up to now), of one service or of
// all: {"minutes", "service", "from", "to", "totals": {succeeded, failed, dead,
// cancelled, retrying}, "tasks_per_second", "failure_rate", "series": [{"minute",
// succeeded, failed, dead, cancelled, retrying}, ...]} (docs/console.md).
std::string task_throughput_json(pqxx::transaction_base& tx, int minutes,
                                 const std::optional<std::string>& service);

// Deletes the minutes older than kThroughputHistoryMinutes; the number deleted.
std::int64_t purge_task_minutes(pqxx::transaction_base& tx);

}  // namespace switchyard::storage
