#pragma once
// Creates the database a DATABASE_URL names when it does not exist yet, through the
// server's `postgres` maintenance database, so `make up` works on a fresh cluster.
#include <string>

namespace switchyard::db {

// Returns true when it created the database.
bool ensure_database_exists(const std::string& database_url);

// The database name of a postgresql:// URL ("" when the URL names none).
std::string database_name(const std::string& database_url);

// The same URL pointing at another database.
std::string with_database(const std::string& database_url, const std::string& name);

}  // namespace switchyard::db
