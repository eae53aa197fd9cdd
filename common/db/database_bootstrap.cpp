#include "db/database_bootstrap.hpp"

#include <algorithm>
#include <pqxx/pqxx>

namespace switchyard::db {
namespace {

// [start, end) of the database name in the URL: the path before any query. Without
// a path, the empty span sits where the path would go (before the query).
std::pair<std::size_t, std::size_t> name_span(const std::string& url) {
  const auto scheme = url.find("://");
  const auto authority = scheme == std::string::npos ? 0 : scheme + 3;
  const auto query = std::min(url.find('?', authority), url.size());
  const auto slash = url.find('/', authority);
  if (slash == std::string::npos || slash > query) return {query, query};
  return {slash + 1, query};
}

}  // namespace

std::string database_name(const std::string& database_url) {
  const auto [start, end] = name_span(database_url);
  return database_url.substr(start, end - start);
}

std::string with_database(const std::string& database_url, const std::string& name) {
  const auto [start, end] = name_span(database_url);
  std::string url = database_url;
  const bool has_path = start > 0 && url[start - 1] == '/';
  return url.replace(start, end - start, has_path ? name : "/" + name);
}

bool ensure_database_exists(const std::string& database_url) {
  const std::string name = database_name(database_url);
  if (name.empty()) return false;
  pqxx::connection admin(with_database(database_url, "postgres"));
  pqxx::nontransaction tx(admin);
  if (!tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).empty()) return false;
  try {
    tx.exec0("CREATE DATABASE " + tx.quote_name(name));
  } catch (const pqxx::sql_error& e) {
    // A concurrent `migrate` created it first: that is what we wanted. It shows as
    // 42P04 (duplicate_database) once the other's CREATE committed, or as 23505 on
    // pg_database's unique index while both are still inserting the row.
    if (e.sqlstate() != "42P04" && e.sqlstate() != "23505") throw;
    return false;
  }
  return true;
}

}  // namespace switchyard::db
