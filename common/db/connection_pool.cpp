#include "db/connection_pool.hpp"

#include <fmt/format.h>

namespace switchyard::db {

Lease::~Lease() {
  if (pool_ != nullptr) pool_->give_back(std::move(connection_));
}

ConnectionPool::ConnectionPool(PoolOptions options) : options_(std::move(options)) {}

std::unique_ptr<pqxx::connection> ConnectionPool::open() const {
  auto connection = std::make_unique<pqxx::connection>(options_.url);
  {
    pqxx::nontransaction tx(*connection);
    tx.exec0(fmt::format("SET statement_timeout = {}", options_.statement_timeout.count()));
  }
  if (options_.on_connect) options_.on_connect(*connection);
  return connection;
}

Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  for (;;) {
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->is_open()) return Lease(*this, std::move(connection));
      --open_count_;
      continue;
    }
    if (open_count_ < options_.size) {
      ++open_count_;
      lock.unlock();
      try {
        return Lease(*this, open());
      } catch (...) {
        lock.lock();
        --open_count_;
        available_.notify_one();
        throw;
      }
    }
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout) {
      throw PoolExhausted("no database connection became free in time");
    }
  }
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection && connection->is_open()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_count_;
  }
  available_.notify_one();
}

}  // namespace switchyard::db
