#include "storage/sql_statement.hpp"

#include <fmt/format.h>

namespace switchyard::storage {

void SqlStatement::bind(std::string_view condition, std::string value, std::string_view type) {
  values.push_back(std::move(value));
  sql += fmt::format(" AND {} ${}::{}", condition, values.size(), type);
}

}  // namespace switchyard::storage
