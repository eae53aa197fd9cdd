#include "tasks/throughput_history.hpp"

#include <spdlog/spdlog.h>

#include "storage/tasks/task_throughput.hpp"

namespace switchyard::listener {

void ThroughputHistory::prune() {
  try {
    if (!db_ || !db_->is_open()) db_ = std::make_unique<pqxx::connection>(database_url_);
    pqxx::work tx(*db_);
    const std::int64_t deleted = storage::purge_task_minutes(tx);
    tx.commit();
    if (deleted > 0) spdlog::debug("throughput history: deleted {} minute rows", deleted);
  } catch (const std::exception& e) {
    db_.reset();
    spdlog::warn("throughput history: pruning failed ({}); next turn retries", e.what());
  }
}

}  // namespace switchyard::listener
