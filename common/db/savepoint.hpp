#pragma once
// A savepoint inside a transaction, rolled back unless released: the writes made
// after it go away on their own when the work they belong to fails.
// pqxx 6.4's subtransaction is not used: exec_params()/exec_prepared() on it run
// before its SAVEPOINT is sent, so its abort() leaves their rows in place (seen
// here with libpqxx 6.4.5).
#include <pqxx/pqxx>
#include <string>

namespace switchyard::db {

class Savepoint {
 public:
  // Sends SAVEPOINT `name` on `tx` (a transaction, not a nontransaction).
  Savepoint(pqxx::transaction_base& tx, std::string name);
  // Rolls back to the savepoint unless release() was called; never throws.
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  // Keeps the writes made since the savepoint.
  void release();
  // Undoes the writes made since the savepoint (also after a failed statement).
  void rollback();

 private:
  pqxx::transaction_base& tx_;
  std::string name_;
  bool open_ = true;
};

}  // namespace switchyard::db
