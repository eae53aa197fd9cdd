#pragma once
// Database work of a handler that runs outside the window's transaction, on a
// connection leased from a pool (orchestration steps, chat-ops replies). A lost
// connection is dropped, not returned to the pool; a database that cannot be
// reached, or a pool that stays busy, is a retryable failure of the task, so
// the platform's retries wait it out.
#include <string>
#include <utility>

#include "db/connection_pool.hpp"
#include "task_handler.hpp"

namespace switchyard::workers {

// Returns `work(connection)` run on a leased connection.
template <class Work>
auto on_pooled_connection(db::ConnectionPool& pool, Work&& work) {
  try {
    db::Lease lease = pool.acquire();
    try {
      return std::forward<Work>(work)(*lease);
    } catch (const pqxx::broken_connection&) {
      lease.discard();
      throw;
    }
  } catch (const pqxx::broken_connection& e) {
    throw TaskFailure(FailureKind::kInternalError,
                      std::string("the database connection failed: ") + e.what());
  } catch (const db::PoolExhausted& e) {
    throw TaskFailure(FailureKind::kInternalError, e.what());
  }
}

}  // namespace switchyard::workers
