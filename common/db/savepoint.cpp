#include "db/savepoint.hpp"

#include <spdlog/spdlog.h>

namespace switchyard::db {

Savepoint::Savepoint(pqxx::transaction_base& tx, std::string name)
    : tx_(tx), name_(std::move(name)) {
  tx_.exec0("SAVEPOINT " + tx_.quote_name(name_));
}

Savepoint::~Savepoint() {
  if (!open_) return;
  try {
    rollback();
  } catch (const std::exception& e) {
    // The transaction is broken anyway: it will not commit.
    spdlog::debug("could not roll back savepoint {}: {}", name_, e.what());
  }
}

void Savepoint::release() {
  open_ = false;
  tx_.exec0("RELEASE SAVEPOINT " + tx_.quote_name(name_));
}

void Savepoint::rollback() {
  open_ = false;
  tx_.exec0("ROLLBACK TO SAVEPOINT " + tx_.quote_name(name_));
  tx_.exec0("RELEASE SAVEPOINT " + tx_.quote_name(name_));
}

}  // namespace switchyard::db
