#include "tasks/task_retention.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "storage/tasks/set_aside_repository.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::listener {
namespace {

constexpr int kBatch = 5000;
constexpr auto kPassBudget = std::chrono::seconds(5);

}  // namespace

void TaskRetention::purge() {
  const auto budget_end = std::chrono::steady_clock::now() + kPassBudget;
  const int hours = static_cast<int>(retention_.count());
  std::int64_t total = 0;
  try {
    if (!db_ || !db_->is_open()) db_ = std::make_unique<pqxx::connection>(database_url_);
    for (;;) {
      pqxx::work tx(*db_);
      const std::int64_t deleted = storage::purge_finished_tasks(tx, hours, kBatch);
      tx.commit();
      total += deleted;
      if (deleted < kBatch || std::chrono::steady_clock::now() >= budget_end) break;
    }
    // Strikes of attempts that completed on another worker are never cleared by
    // their own; they age out with the ledger.
    pqxx::work tx(*db_);
    storage::purge_strikes(tx, hours);
    tx.commit();
  } catch (const std::exception& e) {
    db_.reset();
    spdlog::warn("retention: purging finished tasks failed ({}); next turn retries", e.what());
  }
  if (total > 0) {
    spdlog::info("retention: deleted {} tasks finished over {} h ago", total, hours);
  }
}

}  // namespace switchyard::listener
