#pragma once
// Reading the original Tracker's requests (tracker-wire-format.md): fields in
// lowerCamelCase or snake_case, enums as names or numbers, dates as ISO 8601 date
// or date-time. A bad value is a 400 naming the field (and the allowed values).
// Values are written to a row in the tables' column names (storage/tracker).
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>

#include "tracker/wire_enums.hpp"

namespace switchyard::api::tracker {

using RowWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Reads fields of one JSON object (`prefix` names it in errors, e.g. "attributes").
class WireObject {
 public:
  WireObject(const rapidjson::Value* object, std::string prefix)
      : object_(object), prefix_(std::move(prefix)) {}

  // The member named `camel` or `snake`, or nullptr.
  const rapidjson::Value* find(const char* camel, const char* snake = nullptr) const;
  bool has(const char* camel, const char* snake = nullptr) const {
    return find(camel, snake) != nullptr;
  }

  // Each copies the field, when present, to `column` of the row; `required` makes
  // a missing one an error. They return whether the field was present.
  bool string(RowWriter& row, const char* column, const char* camel, const char* snake = nullptr,
              bool required = false, std::size_t max_length = 10'000) const;
  bool enumeration(RowWriter& row, const char* column,
                   const ::switchyard::tracker::WireEnum& values, const char* camel,
                   const char* snake = nullptr, bool required = false) const;
  bool boolean(RowWriter& row, const char* column, const char* camel,
               const char* snake = nullptr) const;
  bool date(RowWriter& row, const char* column, const char* camel,
            const char* snake = nullptr) const;
  bool strings(RowWriter& row, const char* column, const char* camel,
               const char* snake = nullptr) const;
  bool number(RowWriter& row, const char* column, const char* camel, const char* snake, double min,
              double max, bool integer) const;

  // The nested object `camel`/`snake` (absent: an empty object).
  WireObject child(const char* camel, const char* snake = nullptr) const;

  // A 400 naming `field` of this object.
  [[noreturn]] void fail(const char* field, const std::string& message) const;

 private:
  std::string name_of(const char* field) const;

  const rapidjson::Value* object_;
  std::string prefix_;
};

// An enum query parameter (name or number); nullopt when absent; 400 otherwise.
std::optional<int> enum_query(const std::optional<std::string>& value, const char* name,
                              const ::switchyard::tracker::WireEnum& values);

}  // namespace switchyard::api::tracker
