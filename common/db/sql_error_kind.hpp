#pragma once
// Sorting PostgreSQL errors by what a consumer can do about them: a message the
// database refuses for its content (a poison message) is set aside, anything else
// (timeouts, serialization failures, a restarting server) is retried later.
#include <pqxx/pqxx>
#include <string>

namespace switchyard::db {

// True for SQLSTATE classes 21 (cardinality violation), 22 (data exception) and
// 23 (integrity constraint violation): running the same statement again with the
// same input fails the same way.
inline bool refuses_the_input(const pqxx::sql_error& error) {
  const std::string& state = error.sqlstate();
  return state.rfind("21", 0) == 0 || state.rfind("22", 0) == 0 || state.rfind("23", 0) == 0;
}

}  // namespace switchyard::db
