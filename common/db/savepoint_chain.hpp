#pragma once
// SavepointChain: one savepoint after another on a transaction, so that each unit
// of work (a domain task of a worker's window) keeps or undoes its own writes
// while the others' stay. Round trips are folded: the RELEASE of a kept unit goes
// out with the next unit's SAVEPOINT (or with finish()), and a unit's opening
// statements travel with its SAVEPOINT, so a kept unit costs one round trip of its
// own instead of three.
// pqxx 6.4's subtransaction is not used: exec_params()/exec_prepared() on it run
// before its SAVEPOINT is sent, so its abort() leaves their rows in place (seen
// here with libpqxx 6.4.5).
#include <pqxx/pqxx>
#include <string>

namespace switchyard::db {

class SavepointChain {
 public:
  // `tx` must be a transaction, not a nontransaction.
  explicit SavepointChain(pqxx::transaction_base& tx) : tx_(tx) {}
  SavepointChain(const SavepointChain&) = delete;
  SavepointChain& operator=(const SavepointChain&) = delete;

  // Opens the next unit: its savepoint, then `then` (statements separated by
  // semicolons, e.g. a SET LOCAL; may be empty), in one round trip.
  void begin(const std::string& then);
  // Keeps the unit's writes (sent with the next begin() or finish()).
  void keep();
  // Undoes the unit's writes, also after a failed statement.
  void undo();
  // Ends the chain: a kept unit's release, then `then`, in one round trip (none
  // when both are empty).
  void finish(const std::string& then);

 private:
  void send(std::string sql);

  pqxx::transaction_base& tx_;
  bool release_pending_ = false;
};

}  // namespace switchyard::db
