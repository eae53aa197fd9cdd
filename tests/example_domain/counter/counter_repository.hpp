#pragma once
// The counters' table (example_counters: name → value), created by the example's
// own migration text below since the example never ships: a real domain adds
// migrations/NNNN_create_<domain>.sql instead.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::example::counter {

inline constexpr const char* kCreateCountersTable =
    "CREATE TABLE IF NOT EXISTS example_counters ("
    " name text PRIMARY KEY, value bigint NOT NULL)";

struct Counter {
  std::string name;
  std::int64_t value = 0;
};

// Adds `by` to the counter `name` (created at 0) and returns it.
Counter add_to_counter(pqxx::transaction_base& tx, const std::string& name, std::int64_t by);
std::optional<Counter> find_counter(pqxx::transaction_base& tx, const std::string& name);

}  // namespace switchyard::example::counter
