#include "db/savepoint_chain.hpp"

namespace switchyard::db {
namespace {

constexpr const char* kRelease = "RELEASE SAVEPOINT unit";

}  // namespace

void SavepointChain::send(std::string sql) {
  // Several statements in one simple query: PostgreSQL runs them in order and
  // stops at the first error, which pqxx raises.
  if (!sql.empty()) tx_.exec0(sql);
}

void SavepointChain::begin(const std::string& then) {
  std::string sql = release_pending_ ? std::string(kRelease) + "; " : std::string();
  release_pending_ = false;
  sql += "SAVEPOINT unit";
  if (!then.empty()) sql += "; " + then;
  send(std::move(sql));
}

void SavepointChain::keep() { release_pending_ = true; }

void SavepointChain::undo() {
  release_pending_ = false;
  send(std::string("ROLLBACK TO SAVEPOINT unit; ") + kRelease);
}

void SavepointChain::finish(const std::string& then) {
  std::string sql = release_pending_ ? std::string(kRelease) : std::string();
  release_pending_ = false;
  if (!then.empty()) sql += (sql.empty() ? "" : "; ") + then;
  send(std::move(sql));
}

}  // namespace switchyard::db
