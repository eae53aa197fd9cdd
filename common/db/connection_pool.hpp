#pragma once
// A fixed-size pool of PostgreSQL connections for request threads. Connections are
// opened lazily and reopened after a failure, so the pool survives a database
// restart; a lease returns its connection to the pool when it leaves scope.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace switchyard::db {

struct PoolOptions {
  std::string url;
  int size = 8;
  std::chrono::milliseconds acquire_timeout{2000};
  std::chrono::milliseconds statement_timeout{5000};
  // Runs on every new connection (prepare statements here).
  std::function<void(pqxx::connection&)> on_connect;
};

class ConnectionPool;

// Every connection stayed leased past the acquire timeout: the database is too slow
// or the pool too small; callers answer 503.
class PoolExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Lease {
 public:
  Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> connection)
      : pool_(&pool), connection_(std::move(connection)) {}
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease(Lease&& other) noexcept
      : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
  Lease& operator=(Lease&&) = delete;

  pqxx::connection& operator*() { return *connection_; }
  pqxx::connection* operator->() { return connection_.get(); }

  // Call when a query failed with broken_connection: the connection is dropped
  // instead of returned, and the pool opens a fresh one next time.
  void discard() { connection_.reset(); }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<pqxx::connection> connection_;
};

class ConnectionPool {
 public:
  explicit ConnectionPool(PoolOptions options);

  // Throws pqxx::broken_connection when the database cannot be reached and
  // PoolExhausted when every connection stays busy past acquire_timeout.
  Lease acquire();

  // Runs `read(tx)` in a read-only transaction on a leased connection and returns
  // what it returns; the lease ends with the call. The transaction is not
  // committed (there is nothing to commit). Throws what acquire() and `read`
  // throw. The one spelling of `auto lease = pool.acquire();
  // pqxx::read_transaction tx(*lease);`.
  template <class Read>
  std::invoke_result_t<Read, pqxx::read_transaction&> read(Read&& read) {
    Lease lease = acquire();
    pqxx::read_transaction tx(*lease);
    return std::forward<Read>(read)(tx);
  }

  // Opens a connection outside the pool with the same settings (for workers that
  // own theirs).
  std::unique_ptr<pqxx::connection> open() const;

 private:
  friend class Lease;
  void give_back(std::unique_ptr<pqxx::connection> connection);

  PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_count_ = 0;  // leased + idle + being opened
};

}  // namespace switchyard::db
