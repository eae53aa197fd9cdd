#pragma once
// A statement assembled for one request (a filter combination): its text with
// $1..$n and the values bound to them. Repositories run it unnamed, so PostgreSQL
// plans it for these values; tests EXPLAIN the same statement.
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage {

struct SqlStatement {
  std::string sql;
  std::vector<std::string> values;

  // Appends " AND <condition> $n::<type>" with `value` as $n.
  void bind(std::string_view condition, std::string value, std::string_view type);

  pqxx::result run(pqxx::transaction_base& tx) const {
    return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
  }
};

}  // namespace switchyard::storage
