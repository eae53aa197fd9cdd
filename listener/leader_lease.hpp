#pragma once
// LeaderLease: one process of a deployment runs the scheduler. The leader holds a
// PostgreSQL session advisory lock on a connection of its own; if the process
// dies or its connection breaks, PostgreSQL releases the lock and another
// listener takes it at its next try.
#include <cstdint>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "lease.hpp"

namespace switchyard::listener {

class LeaderLease final : public Lease {
 public:
  LeaderLease(std::string database_url, std::int64_t lock_key)
      : database_url_(std::move(database_url)), lock_key_(lock_key) {}

  // True while this process holds the lease: checks a held lease's connection,
  // else tries to take it. Never throws (an unreachable database means "not now").
  bool hold() override;
  void release() override;

 private:
  std::string database_url_;
  std::int64_t lock_key_;
  std::unique_ptr<pqxx::connection> db_;
  bool held_ = false;
};

}  // namespace switchyard::listener
