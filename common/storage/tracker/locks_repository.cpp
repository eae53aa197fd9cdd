#include "storage/tracker/locks_repository.hpp"

#include "storage/record_sql.hpp"

namespace switchyard::storage::tracker {
namespace {

const std::string kColumns = select_list<Lock>();

const std::string kTakeLock = "INSERT INTO tracker_locks (" + column_list<Lock>(Write::kInsert) +
                              ") VALUES (" + parameter_list<Lock>(Write::kInsert) +
                              ") ON CONFLICT DO NOTHING RETURNING " + kColumns;

// Whether the lock holding the service is lock $1 itself (a redelivered take), and
// that lock.
const std::string kHeldLock = "SELECT id = $1::uuid, " + kColumns +
                              " FROM tracker_locks WHERE service = $2 OR id = $1::uuid LIMIT 1";

const std::string kFindLock = "SELECT " + kColumns + " FROM tracker_locks WHERE id = $1::uuid";

const std::string kListLocks = "SELECT " + kColumns +
                               " FROM tracker_locks ORDER BY created_at DESC, id DESC"
                               " LIMIT $1 OFFSET $2";

}  // namespace

TakeResult take_lock(pqxx::transaction_base& tx, const Lock& lock) {
  const pqxx::result inserted = exec_record(tx, kTakeLock, lock, Write::kInsert);
  if (!inserted.empty()) return {true, read_record<Lock>(inserted[0])};
  // Held: by this very take (a redelivery), or by someone else.
  const pqxx::row holder = tx.exec_params1(kHeldLock, lock.id, lock.service);
  return {holder[0].as<bool>(), read_record<Lock>(holder, 1)};
}

std::optional<std::string> lock_holder(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows =
      tx.exec_params("SELECT taken_by FROM tracker_locks WHERE id = $1::uuid FOR UPDATE", id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

bool release_lock(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM tracker_locks WHERE id = $1::uuid", id).affected_rows() == 1;
}

std::optional<Lock> find_lock(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows = tx.exec_params(kFindLock, id);
  if (rows.empty()) return std::nullopt;
  return read_record<Lock>(rows[0]);
}

LockPage list_locks(pqxx::transaction_base& tx, int limit, int offset) {
  LockPage page;
  page.total = tx.exec1("SELECT count(*) FROM tracker_locks")[0].as<std::int64_t>();
  for (const auto& row : tx.exec_params(kListLocks, limit, offset)) {
    page.locks.push_back(read_record<Lock>(row));
  }
  return page;
}

}  // namespace switchyard::storage::tracker
