#pragma once
// SQL made from a record's one field list (for_each_field, domain/field_kind.hpp):
// its column lists, the parameters that bind it, and the reading of a result row,
// so a repository writes each column name once. Queries stay plain SQL constants
// beside their repository; these fill in their column lists.
//
// Parameters are numbered in field order over the fields a write carries: an
// insert carries every field but kMadeTime ones, an update the key and the kField
// and kTime ones; the key comes first, so it is $1 in both.
#include <cstddef>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/field_kind.hpp"

namespace switchyard::storage {

using domain::FieldKind;

enum class Write { kInsert, kUpdate };

// PostgreSQL's text[] literal of `items`, and back.
std::string to_text_array(const std::vector<std::string>& items);
std::vector<std::string> from_text_array(const pqxx::field& field);

namespace record_sql_detail {

inline bool carries(Write write, FieldKind kind) {
  if (write == Write::kInsert) return kind != FieldKind::kMadeTime;
  return kind == FieldKind::kKey || kind == FieldKind::kField || kind == FieldKind::kTime;
}

inline bool is_time(FieldKind kind) {
  return kind == FieldKind::kTime || kind == FieldKind::kMadeTime;
}

inline std::optional<std::string> parameter(const std::string& value) { return value; }
inline std::optional<std::string> parameter(const std::optional<std::string>& value) {
  return value;
}
inline std::optional<std::string> parameter(bool value) { return value ? "true" : "false"; }
inline std::optional<std::string> parameter(int value) { return std::to_string(value); }
inline std::optional<std::string> parameter(double value) { return pqxx::to_string(value); }
inline std::optional<std::string> parameter(const std::vector<std::string>& value) {
  return to_text_array(value);
}

inline void read(const pqxx::field& field, std::string& value) {
  value = field.is_null() ? std::string() : field.as<std::string>();
}
inline void read(const pqxx::field& field, std::optional<std::string>& value) {
  value = field.is_null() ? std::nullopt : std::optional<std::string>(field.as<std::string>());
}
template <class T>
requires std::is_arithmetic_v<T>
inline void read(const pqxx::field& field, T& value) { value = field.as<T>(); }
inline void read(const pqxx::field& field, std::vector<std::string>& value) {
  value = from_text_array(field);
}

}  // namespace record_sql_detail

// "id, title, ..., rfc3339(created_at)": every field, times as RFC 3339 UTC text;
// what read_record reads.
template <class Record>
std::string select_list() {
  Record record;
  std::string list;
  for_each_field(record, [&](const char* column, auto&, FieldKind kind) {
    if (!list.empty()) list += ", ";
    list += record_sql_detail::is_time(kind) ? "rfc3339(" + std::string(column) + ")" : column;
  });
  return list;
}

// "id, title, ...": the columns `write` carries, in parameter order.
template <class Record>
std::string column_list(Write write) {
  Record record;
  std::string list;
  for_each_field(record, [&](const char* column, auto&, FieldKind kind) {
    if (!record_sql_detail::carries(write, kind)) return;
    if (!list.empty()) list += ", ";
    list += column;
  });
  return list;
}

// "$1, $2, ...": one parameter for each column of column_list(write).
template <class Record>
std::string parameter_list(Write write) {
  Record record;
  std::string list;
  int number = 0;
  for_each_field(record, [&](const char*, auto&, FieldKind kind) {
    if (!record_sql_detail::carries(write, kind)) return;
    if (!list.empty()) list += ", ";
    list += "$" + std::to_string(++number);
  });
  return list;
}

// "title = $2, ...": the assignments of an update (the key, $1, excluded).
template <class Record>
std::string update_assignments() {
  Record record;
  std::string list;
  int number = 0;
  for_each_field(record, [&](const char* column, auto&, FieldKind kind) {
    if (!record_sql_detail::carries(Write::kUpdate, kind)) return;
    ++number;
    if (kind == FieldKind::kKey) return;
    if (!list.empty()) list += ", ";
    list += std::string(column) + " = $" + std::to_string(number);
  });
  return list;
}

// "title = EXCLUDED.title, ...": an upsert's update of the fields an update writes.
template <class Record>
std::string excluded_assignments() {
  Record record;
  std::string list;
  for_each_field(record, [&](const char* column, auto&, FieldKind kind) {
    if (kind != FieldKind::kField && kind != FieldKind::kTime) return;
    if (!list.empty()) list += ", ";
    list += std::string(column) + " = EXCLUDED." + column;
  });
  return list;
}

// The values of `record` that `write` carries, in parameter order.
template <class Record>
std::vector<std::optional<std::string>> parameters(const Record& record, Write write) {
  std::vector<std::optional<std::string>> values;
  for_each_field(record, [&](const char*, const auto& value, FieldKind kind) {
    if (record_sql_detail::carries(write, kind))
      values.push_back(record_sql_detail::parameter(value));
  });
  return values;
}

// Runs `sql` with the values of `record` that `write` carries as its parameters.
template <class Record>
pqxx::result exec_record(pqxx::transaction_base& tx, const std::string& sql, const Record& record,
                         Write write) {
  const std::vector<std::optional<std::string>> values = parameters(record, write);
  return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
}

// A record from `row`'s columns `first`, `first`+1, ... in select_list order.
template <class Record>
Record read_record(const pqxx::row& row, std::size_t first = 0) {
  Record record;
  std::size_t index = first;
  for_each_field(record, [&](const char*, auto& value, FieldKind) {
    record_sql_detail::read(row[static_cast<pqxx::row::size_type>(index++)], value);
  });
  return record;
}

}  // namespace switchyard::storage
