#include "tracker/wire_input.hpp"

#include <fmt/format.h>

#include "errors/app_error.hpp"
#include "http/request_fields.hpp"

namespace switchyard::api::tracker {

using ::switchyard::tracker::WireEnum;

const rapidjson::Value* WireObject::find(const char* camel, const char* snake) const {
  if (object_ == nullptr || !object_->IsObject()) return nullptr;
  for (const char* name : {camel, snake}) {
    if (name == nullptr) continue;
    const auto it = object_->FindMember(name);
    if (it != object_->MemberEnd() && !it->value.IsNull()) return &it->value;
  }
  return nullptr;
}

std::string WireObject::name_of(const char* field) const {
  return prefix_.empty() ? field : prefix_ + "." + field;
}

void WireObject::fail(const char* field, const std::string& message) const {
  const std::string name = name_of(field);
  throw AppError(ErrorCode::kValidation, fmt::format("{}: {}", name, message),
                 field_error(name, message));
}

bool WireObject::string(RowWriter& row, const char* column, const char* camel, const char* snake,
                        bool required, std::size_t max_length) const {
  const rapidjson::Value* value = find(camel, snake);
  if (value == nullptr || (value->IsString() && value->GetStringLength() == 0 && required)) {
    if (required) fail(camel, "is required");
    return false;
  }
  if (!value->IsString()) fail(camel, "must be a string");
  if (value->GetStringLength() > max_length) {
    fail(camel, fmt::format("must be at most {} characters", max_length));
  }
  row.Key(column);
  row.String(value->GetString(), value->GetStringLength());
  return true;
}

bool WireObject::enumeration(RowWriter& row, const char* column, const WireEnum& values,
                             const char* camel, const char* snake, bool required) const {
  const rapidjson::Value* value = find(camel, snake);
  if (value == nullptr) {
    if (required) fail(camel, "is required; one of " + values.allowed());
    return false;
  }
  const auto number = values.parse(*value);
  if (!number) fail(camel, "must be one of " + values.allowed());
  row.Key(column);
  row.Int(*number);
  return true;
}

bool WireObject::boolean(RowWriter& row, const char* column, const char* camel,
                         const char* snake) const {
  const rapidjson::Value* value = find(camel, snake);
  if (value == nullptr) return false;
  if (!value->IsBool()) fail(camel, "must be true or false");
  row.Key(column);
  row.Bool(value->GetBool());
  return true;
}

bool WireObject::date(RowWriter& row, const char* column, const char* camel,
                      const char* snake) const {
  const rapidjson::Value* value = find(camel, snake);
  if (value == nullptr) return false;
  if (!value->IsString() || !is_iso8601(value->GetString())) {
    fail(camel, "must be an ISO 8601 date or date-time");
  }
  row.Key(column);
  row.String(value->GetString(), value->GetStringLength());
  return true;
}

bool WireObject::strings(RowWriter& row, const char* column, const char* camel,
                         const char* snake) const {
  const rapidjson::Value* value = find(camel, snake);
  if (value == nullptr) return false;
  if (!value->IsArray() || value->Size() > 1000) fail(camel, "must be an array of strings");
  row.Key(column);
  row.StartArray();
  for (const auto& item : value->GetArray()) {
    if (!item.IsString()) fail(camel, "must be an array of strings");
    row.String(item.GetString(), item.GetStringLength());
  }
  row.EndArray();
  return true;
}

bool WireObject::number(RowWriter& row, const char* column, const char* camel, const char* snake,
                        double min, double max, bool integer) const {
  const rapidjson::Value* value = find(camel, snake);
  if (value == nullptr) return false;
  if (!value->IsNumber() || (integer && !value->IsInt()) || value->GetDouble() < min ||
      value->GetDouble() > max) {
    fail(camel,
         fmt::format("must be {} from {} to {}", integer ? "an integer" : "a number", min, max));
  }
  row.Key(column);
  if (integer) {
    row.Int(value->GetInt());
  } else {
    row.Double(value->GetDouble());
  }
  return true;
}

WireObject WireObject::child(const char* camel, const char* snake) const {
  const rapidjson::Value* value = find(camel, snake);
  if (value != nullptr && !value->IsObject()) fail(camel, "must be an object");
  return WireObject(value, name_of(camel));
}

std::optional<int> enum_query(const std::optional<std::string>& value, const char* name,
                              const WireEnum& values) {
  if (!value) return std::nullopt;
  const auto number = values.parse(*value);
  if (!number) {
    throw AppError(ErrorCode::kValidation,
                   fmt::format("{}: must be one of {}", name, values.allowed()),
                   field_error(name, "must be one of " + values.allowed()));
  }
  return number;
}

}  // namespace switchyard::api::tracker
