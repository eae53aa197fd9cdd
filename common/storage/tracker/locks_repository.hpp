#pragma once
// SQL of tracker locks (migrations/0005), read and written as
// domain::tracker::Lock (its fields listed once, by for_each_field): one holder
// per service, enforced by a unique index, so concurrent takers cannot both win
// whatever runs them.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/tracker/lock.hpp"

namespace switchyard::storage::tracker {

using domain::tracker::Lock;

struct TakeResult {
  bool taken = false;
  Lock lock;  // the new lock, or the holder's when not taken
};

// Takes `lock` (id chosen by the API; `taken_by` the caller's name, the holder
// who may release it). A redelivered take of the same id finds its own lock and
// counts as taken.
TakeResult take_lock(pqxx::transaction_base& tx, const Lock& lock);
// Who took lock `id` (its taken_by; '' for a lock older than migrations/0012 whose
// taker is unknown), locking the row until the transaction ends; nullopt when no
// lock has this id.
std::optional<std::string> lock_holder(pqxx::transaction_base& tx, const std::string& id);
// false when no lock has this id.
bool release_lock(pqxx::transaction_base& tx, const std::string& id);
std::optional<Lock> find_lock(pqxx::transaction_base& tx, const std::string& id);

struct LockPage {
  std::vector<Lock> locks;  // newest first
  std::int64_t total = 0;
};
LockPage list_locks(pqxx::transaction_base& tx, int limit, int offset);

}  // namespace switchyard::storage::tracker
