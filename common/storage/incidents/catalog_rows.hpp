#pragma once
// What the catalog's repositories share (services, teams, impact scopes,
// runbooks, tags; migrations/0016): a page of rows already in their API JSON
// (built by PostgreSQL, jsonb_build_object), and the JSON of a user as the IMAS
// document shows one. Writes take the API's payload as one jsonb parameter, so
// that a field absent from a PATCH keeps its value (`CASE WHEN p ? 'field'`).
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::incidents {

struct JsonPage {
  std::int64_t count = 0;          // rows matching, over every page
  std::vector<std::string> items;  // this page's rows, as JSON objects
};

// What a list is narrowed to; an empty `search` matches everything.
struct CatalogFilter {
  std::optional<std::string> search;  // case-insensitive "contains" in the name (title)
  int limit = 20;
  std::int64_t offset = 0;
};

// {"id", "username", "email"} of users.id = `id_sql`, as SQL (NULL for no user).
inline std::string user_json_sql(const std::string& id_sql) {
  return "(SELECT jsonb_build_object('id', u.id, 'username', u.username, 'email', u.email) "
         "FROM users u WHERE u.id = " +
         id_sql + ")";
}

// The first column of the first row as text, or nullopt without rows.
inline std::optional<std::string> first_text(const pqxx::result& rows) {
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

// A page from `count_rows` (one row: the count) and `item_rows` (one JSON per row).
inline JsonPage json_page(const pqxx::result& count_rows, const pqxx::result& item_rows) {
  JsonPage page;
  page.count = count_rows[0][0].as<std::int64_t>();
  for (const auto& row : item_rows) page.items.push_back(row[0].as<std::string>());
  return page;
}

}  // namespace switchyard::storage::incidents
