#include "leader_lease.hpp"

#include <spdlog/spdlog.h>

namespace switchyard::listener {

bool LeaderLease::hold() {
  try {
    if (!db_) db_ = std::make_unique<pqxx::connection>(database_url_);
    pqxx::nontransaction tx(*db_);
    if (held_) {
      tx.exec("SELECT 1");  // the lock lives as long as this session
      return true;
    }
    held_ = tx.exec_params1("SELECT pg_try_advisory_lock($1)", lock_key_)[0].as<bool>();
    if (held_) spdlog::info("scheduler: this listener is the leader");
    return held_;
  } catch (const std::exception& e) {
    if (held_)
      spdlog::warn("scheduler: leadership lost with the database connection: {}", e.what());
    held_ = false;
    db_.reset();
    return false;
  }
}

void LeaderLease::release() {
  held_ = false;
  db_.reset();  // closing the session releases the advisory lock
}

}  // namespace switchyard::listener
