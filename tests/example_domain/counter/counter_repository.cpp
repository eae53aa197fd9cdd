#include "counter/counter_repository.hpp"

namespace switchyard::example::counter {
namespace {

constexpr const char* kAdd =
    "INSERT INTO example_counters (name, value) VALUES ($1, $2)"
    " ON CONFLICT (name) DO UPDATE SET value = example_counters.value + EXCLUDED.value"
    " RETURNING name, value";
constexpr const char* kFind = "SELECT name, value FROM example_counters WHERE name = $1";

Counter counter_of(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::int64_t>()};
}

}  // namespace

Counter add_to_counter(pqxx::transaction_base& tx, const std::string& name, std::int64_t by) {
  return counter_of(tx.exec_params1(kAdd, name, by));
}

std::optional<Counter> find_counter(pqxx::transaction_base& tx, const std::string& name) {
  const pqxx::result rows = tx.exec_params(kFind, name);
  if (rows.empty()) return std::nullopt;
  return counter_of(rows[0]);
}

}  // namespace switchyard::example::counter
