#pragma once
// Writing one key/value pair with RapidJSON's Writer, for the JSON the platform
// builds by hand (envelopes, outcomes, answers): strings, optional strings (null
// when absent) and raw JSON text kept as is (null when empty).
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace switchyard::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void string_field(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

inline void optional_field(Writer& w, const char* key, const std::optional<std::string>& value) {
  w.Key(key);
  if (value) {
    w.String(value->data(), static_cast<rapidjson::SizeType>(value->size()));
  } else {
    w.Null();
  }
}

// An RFC 3339 timestamp, or null when unknown ("" is no timestamp to PostgreSQL).
inline void timestamp_field(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  if (value.empty()) {
    w.Null();
  } else {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
}

inline void raw_field(Writer& w, const char* key, std::string_view json) {
  w.Key(key);
  if (json.empty()) {
    w.Null();
  } else {
    w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  }
}

// A JSON value as text (e.g. to hand a payload row to SQL's jsonb_to_record).
inline std::string to_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  value.Accept(w);
  return {buffer.GetString(), buffer.GetSize()};
}

// A flat object of string members, in the order given: the payload of most
// internal tasks and the parts of many answers.
inline std::string string_object(
    std::initializer_list<std::pair<const char*, std::string_view>> members) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  for (const auto& [key, value] : members) string_field(w, key, value);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

// `text` as a JSON string literal, quotes and escapes included.
inline std::string quoted(std::string_view text) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace switchyard::json
