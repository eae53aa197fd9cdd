#pragma once
// Sorting PostgreSQL errors by what a consumer can do about them: a message the
// database refuses for its content (a poison message) is set aside, anything else
// (timeouts, serialization failures, a restarting server) is retried later.
#include <pqxx/pqxx>
#include <string>

namespace switchyard::db {

// True when running the same statement again with the same input fails the same
// way: SQLSTATE classes 21 (cardinality violation), 22 (data exception: a NUL
// character, a value out of range), 23 (integrity constraint violation), 54
// (program limit exceeded: JSON nested past max_stack_depth) and 42 (syntax error
// or access rule violation, e.g. a datatype mismatch). Excepted from 42: a missing
// table, column, function or privilege, which is the deployment's fault (a
// migration not applied) and would fail every message alike, so setting the
// messages aside would lose good work.
inline bool refuses_the_input(const pqxx::sql_error& error) {
  const std::string& state = error.sqlstate();
  if (state.rfind("42", 0) == 0) {
    return state != "42P01" && state != "42703" && state != "42883" && state != "42501" &&
           state != "42704" && state != "42P02";
  }
  return state.rfind("21", 0) == 0 || state.rfind("22", 0) == 0 || state.rfind("23", 0) == 0 ||
         state.rfind("54", 0) == 0;
}

}  // namespace switchyard::db
