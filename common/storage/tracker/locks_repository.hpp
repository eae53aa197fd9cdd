#pragma once
// SQL of tracker locks (migrations/0005): one holder per service, enforced by a
// unique index, so concurrent takers cannot both win whatever runs them.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::tracker {

struct TakeResult {
  bool taken = false;
  std::string row_json;  // the new lock, or the holder's when not taken
};

// Takes the lock of `row_json` (id chosen by the API; `taken_by` the caller's
// name, the holder who may release it). A redelivered take of the same id finds
// its own lock and counts as taken.
TakeResult take_lock(pqxx::transaction_base& tx, const std::string& row_json);
// Who took lock `id` (its taken_by; '' for a lock older than migrations/0012 whose
// taker is unknown), locking the row until the transaction ends; nullopt when no
// lock has this id.
std::optional<std::string> lock_holder(pqxx::transaction_base& tx, const std::string& id);
// false when no lock has this id.
bool release_lock(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> find_lock(pqxx::transaction_base& tx, const std::string& id);

struct LockPage {
  std::vector<std::string> rows;  // newest first
  std::int64_t total = 0;
};
LockPage list_locks(pqxx::transaction_base& tx, int limit, int offset);

}  // namespace switchyard::storage::tracker
