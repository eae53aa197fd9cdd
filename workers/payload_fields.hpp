#pragma once
// Reading a task payload in a handler: a missing or mistyped field is a
// non-retryable `bad_payload` failure naming the field (the API validated the
// request, so this means a producer bug, which no retry fixes).
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json/json_fields.hpp"
#include "task_handler.hpp"

namespace switchyard::workers {

using json::to_text;

inline TaskFailure bad_payload(const char* field, const char* expected) {
  return TaskFailure(FailureKind::kBadPayload,
                     std::string("payload.") + field + " must be " + expected,
                     TaskFailure::Retry::kPointless);
}

inline std::optional<std::string> optional_string(const rapidjson::Value& payload,
                                                  const char* field) {
  const auto it = payload.FindMember(field);
  if (it == payload.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsString()) throw bad_payload(field, "a string");
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

inline std::string required_string(const rapidjson::Value& payload, const char* field) {
  auto value = optional_string(payload, field);
  if (!value) throw bad_payload(field, "a string");
  return *value;
}

inline std::int64_t required_int64(const rapidjson::Value& payload, const char* field) {
  const auto it = payload.FindMember(field);
  if (it == payload.MemberEnd() || !it->value.IsInt64()) throw bad_payload(field, "an integer");
  return it->value.GetInt64();
}

inline bool required_bool(const rapidjson::Value& payload, const char* field) {
  const auto it = payload.FindMember(field);
  if (it == payload.MemberEnd() || !it->value.IsBool()) throw bad_payload(field, "a boolean");
  return it->value.GetBool();
}

// nullopt when absent; the strings otherwise.
inline std::optional<std::vector<std::string>> optional_strings(const rapidjson::Value& payload,
                                                                const char* field) {
  const auto it = payload.FindMember(field);
  if (it == payload.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsArray()) throw bad_payload(field, "an array of strings");
  std::vector<std::string> values;
  for (const auto& item : it->value.GetArray()) {
    if (!item.IsString()) throw bad_payload(field, "an array of strings");
    values.emplace_back(item.GetString(), item.GetStringLength());
  }
  return values;
}

}  // namespace switchyard::workers
