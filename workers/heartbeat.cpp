#include "heartbeat.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include "envelope/timestamp.hpp"
#include "storage/workers/worker_repository.hpp"

namespace switchyard::workers {

Heartbeat::Heartbeat(std::string database_url, std::vector<std::string> services,
                     std::function<HeartbeatStats()> stats, std::chrono::milliseconds interval)
    : database_url_(std::move(database_url)),
      services_(std::move(services)),
      stats_(std::move(stats)),
      interval_(interval),
      loop_("heartbeat", [this] { run(); }) {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  host_ = host;
  started_at_ = envelope::now_timestamp();
  worker_id_ = host_ + ":" + std::to_string(::getpid()) + ":" + started_at_;
}

void Heartbeat::stop() {
  if (!loop_.stop()) return;
  try {
    pqxx::connection db(database_url_);
    pqxx::nontransaction tx(db);
    storage::remove_heartbeat(tx, worker_id_);
  } catch (const std::exception& e) {
    spdlog::debug("could not remove the heartbeat: {}", e.what());
  }
}

void Heartbeat::run() {
  std::unique_ptr<pqxx::connection> db;
  while (loop_.running()) {
    try {
      if (!db) db = std::make_unique<pqxx::connection>(database_url_);
      const HeartbeatStats stats = stats_();
      pqxx::nontransaction tx(*db);
      storage::record_heartbeat(
          tx, {worker_id_, host_, static_cast<int>(::getpid()), services_, stats.in_flight,
               static_cast<std::int64_t>(stats.processed), started_at_});
    } catch (const std::exception& e) {
      db.reset();
      spdlog::debug("heartbeat not recorded: {}", e.what());
    }
    loop_.wait_for(interval_);
  }
}

}  // namespace switchyard::workers
